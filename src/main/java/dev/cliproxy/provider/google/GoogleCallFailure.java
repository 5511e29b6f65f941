package dev.cliproxy.provider.google;

/**
 * A call to a Google endpoint (token, userinfo, Cloud APIs, Code Assist) that did not answer as
 * hoped. The message quotes Google's {@code error} code and message, never a token.
 */
public final class GoogleCallFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  /**
   * @param status the HTTP status, 0 when no answer came
   * @param error the OAuth {@code error} ({@code invalid_grant}) or Google {@code error.status},
   *     empty if none
   */
  public GoogleCallFailure(int status, String error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  /** The HTTP status; 0 when the endpoint could not be reached. */
  public int status() {
    return status;
  }

  /** The error code the answer named, e.g. {@code invalid_grant}; empty when none. */
  public String error() {
    return error;
  }

  /** Whether the refresh token or code itself was refused, so only a new login helps. */
  public boolean grantRefused() {
    return error.equals("invalid_grant");
  }
}
