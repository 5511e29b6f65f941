package dev.cliproxy.provider.vertex;

import dev.cliproxy.provider.CredentialUnavailable;

/**
 * A Vertex access token could not be minted: the account file is unusable, or the token endpoint
 * was unreachable or refused the grant. The message names the service account and the endpoint's
 * reason, never a key or token; the gateway moves on to another credential.
 */
final class VertexTokenFailure extends CredentialUnavailable {
  VertexTokenFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
