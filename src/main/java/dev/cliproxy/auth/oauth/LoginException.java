package dev.cliproxy.auth.oauth;

/**
 * A login that did not complete, with a message for the terminal that says what happened and what
 * to do. Never carries a code or token.
 */
public final class LoginException extends Exception {

  /** Why the login ended; the CLI maps some to exit codes. */
  public enum Reason {
    PORT_BUSY,
    STATE_MISMATCH,
    DENIED,
    TIMED_OUT,
    EXCHANGE_FAILED,
    SAVE_FAILED,
    /** No project could be chosen: none listed, or the one asked for is not the account's. */
    NO_PROJECT,
    /** Code Assist onboarding failed or did not finish in time. */
    ONBOARDING_FAILED,
    /** A Google Cloud API the account needs is off and could not be turned on. */
    API_NOT_ENABLED,
    /** What the user gave (a file to import) cannot be used; nothing was saved. */
    INVALID_INPUT
  }

  private final Reason reason;

  public LoginException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public LoginException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
