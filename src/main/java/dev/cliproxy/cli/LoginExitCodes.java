package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.LoginException;

/**
 * Exit codes of the login flags, one per way a login can end, so scripts can tell them apart: 0
 * saved, 1 config unusable, 2 usage, then one code per {@link LoginException.Reason}.
 */
final class LoginExitCodes {
  static final int SAVED = 0;
  static final int CONFIG = 1;
  static final int INTERRUPTED = 130;

  private LoginExitCodes() {}

  /** The exit code for a login that failed for this reason. */
  static int of(LoginException.Reason reason) {
    return switch (reason) {
      case PORT_BUSY -> 3;
      case STATE_MISMATCH -> 4;
      case DENIED -> 5;
      case TIMED_OUT -> 6;
      case EXCHANGE_FAILED -> 7;
      case SAVE_FAILED -> 8;
    };
  }
}
