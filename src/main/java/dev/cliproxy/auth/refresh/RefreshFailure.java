package dev.cliproxy.auth.refresh;

/**
 * A refresh that did not work. The message is shown in logs and status; it must never contain a
 * token (quote the provider's {@code error} and {@code error_description}, not its whole body).
 */
public final class RefreshFailure extends Exception {
  private final boolean permanent;

  private RefreshFailure(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  /**
   * The refresh token is refused for good ({@code invalid_grant}, {@code refresh_token_reused},
   * revoked): retrying cannot help, the user must log in again.
   */
  public static RefreshFailure permanent(String message) {
    return new RefreshFailure(message, true, null);
  }

  /** A failure that may pass (network error, 5xx, 429): retried later with back-off. */
  public static RefreshFailure transientFailure(String message, Throwable cause) {
    return new RefreshFailure(message, false, cause);
  }

  public boolean permanent() {
    return permanent;
  }
}
