package dev.cliproxy.provider.claude;

/**
 * A call to Claude's token endpoint that did not give tokens. The message quotes the endpoint's
 * {@code error} and description, never a token.
 */
final class TokenCallFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  /**
   * @param status the HTTP status, 0 when no answer came
   * @param error the OAuth {@code error} code ({@code invalid_grant}), empty if none
   */
  TokenCallFailure(int status, String error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  int status() {
    return status;
  }

  /** The OAuth error code, e.g. {@code invalid_grant}; empty when the answer had none. */
  String error() {
    return error;
  }

  /** Whether the grant itself was refused, so only a new login helps. */
  boolean grantRefused() {
    return error.equals("invalid_grant") || error.equals("refresh_token_reused");
  }
}
