package dev.cliproxy.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a credential rests after an upstream failure, by status (CLIProxyAPI's table), honouring
 * the upstream's own hint when it gives one.
 */
public final class CooldownPolicy {
  static final Duration AUTH_FAILURE = Duration.ofMinutes(30);
  static final Duration TRANSIENT = Duration.ofMinutes(1);
  static final Duration CONNECTION_FAILURE = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

  private CooldownPolicy() {}

  /**
   * The rest period after a failure.
   *
   * @param status upstream HTTP status, or 0 for a connection failure
   * @param retryAfter the upstream's reset hint, if any
   * @param consecutive429 how many 429s in a row this credential and model had before this one
   * @return empty when the failure says nothing about the credential (e.g. 400)
   */
  public static Optional<Duration> after(
      int status, Optional<Duration> retryAfter, int consecutive429) {
    if (retryAfter.isPresent() && isCredentialFailure(status)) {
      return retryAfter;
    }
    return switch (status) {
      case 0 -> Optional.of(CONNECTION_FAILURE);
      case 401, 402, 403 -> Optional.of(AUTH_FAILURE);
      case 429 -> Optional.of(backoff(consecutive429));
      case 408, 500, 502, 503, 504 -> Optional.of(TRANSIENT);
      default -> status >= 500 ? Optional.of(TRANSIENT) : Optional.empty();
    };
  }

  /** Whether a failure with this status should move on to the next credential. */
  public static boolean isCredentialFailure(int status) {
    return status == 0
        || status == 401
        || status == 402
        || status == 403
        || status == 408
        || status == 429
        || status >= 500;
  }

  /** 1 s, 2 s, 4 s … doubling per consecutive 429, at most 30 minutes. */
  static Duration backoff(int consecutive429) {
    if (consecutive429 >= 11) {
      return MAX_BACKOFF;
    }
    Duration d = Duration.ofSeconds(1L << consecutive429);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
