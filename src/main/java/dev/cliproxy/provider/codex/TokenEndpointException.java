package dev.cliproxy.provider.codex;

/**
 * The OpenAI token endpoint refused or could not be reached. The message quotes only the OAuth
 * {@code error} code and description, never the request or a token.
 */
public final class TokenEndpointException extends Exception {
  private final int status;
  private final String error;

  /**
   * @param status the HTTP status, or 0 when no answer came
   * @param error the OAuth error code ({@code invalid_grant}, …), empty when none
   */
  TokenEndpointException(int status, String error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** Whether no answer came at all (connection refused, timeout, DNS). */
  public boolean unreachable() {
    return status == 0;
  }
}
