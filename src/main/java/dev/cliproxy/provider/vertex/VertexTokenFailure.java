package dev.cliproxy.provider.vertex;

/**
 * A Vertex access token could not be minted: the token endpoint was unreachable or refused the
 * grant. The message names the service account and the endpoint's reason, never a key or token.
 */
final class VertexTokenFailure extends RuntimeException {
  VertexTokenFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
