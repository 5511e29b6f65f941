package dev.cliproxy.provider;

/**
 * Thrown by {@link Provider#prepare} (or {@link Provider#countTokens}) when the credential cannot
 * call its upstream now because something it needs first could not be had, such as an access token
 * the provider mints from a key (Vertex). The try fails as if the upstream were unreachable: the
 * credential rests and failover goes on to the next. The message says why, never a secret.
 */
public class CredentialUnavailable extends RuntimeException {
  public CredentialUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
