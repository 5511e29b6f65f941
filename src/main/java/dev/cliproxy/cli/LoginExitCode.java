package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.LoginException;

/**
 * The exit status of a login flag, one per way a login ends, so scripts can tell a busy port from a
 * refused consent. 13 for a busy port is CLIProxyAPI's.
 */
enum LoginExitCode {
  OK(0),
  CONFIG_INVALID(1),
  STATE_MISMATCH(10),
  DENIED(11),
  TIMED_OUT(12),
  PORT_BUSY(13),
  EXCHANGE_FAILED(14),
  SAVE_FAILED(15),
  NO_PROJECT(16),
  ONBOARDING_FAILED(17),
  API_NOT_ENABLED(18),
  INVALID_INPUT(19),
  INTERRUPTED(130);

  private final int status;

  LoginExitCode(int status) {
    this.status = status;
  }

  int status() {
    return status;
  }

  static LoginExitCode of(LoginException.Reason reason) {
    return switch (reason) {
      case PORT_BUSY -> PORT_BUSY;
      case STATE_MISMATCH -> STATE_MISMATCH;
      case DENIED -> DENIED;
      case TIMED_OUT -> TIMED_OUT;
      case EXCHANGE_FAILED -> EXCHANGE_FAILED;
      case SAVE_FAILED -> SAVE_FAILED;
      case NO_PROJECT -> NO_PROJECT;
      case ONBOARDING_FAILED -> ONBOARDING_FAILED;
      case API_NOT_ENABLED -> API_NOT_ENABLED;
      case INVALID_INPUT -> INVALID_INPUT;
    };
  }
}
