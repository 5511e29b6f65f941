package dev.cliproxy.dialect;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure to report to a client, independent of its dialect; each dialect's error encoder turns
 * it into that dialect's error body.
 *
 * @param status HTTP status
 * @param kind what went wrong, in the terms every dialect has a word for
 * @param code short machine-readable code, e.g. {@code model_not_found}
 * @param message what happened and what to do about it, safe to show (no secrets)
 * @param retryAfter when the client may try again, if known
 */
public record ProxyError(
    int status, Kind kind, String code, String message, Optional<Duration> retryAfter) {

  /** The category of an error, mapped by each dialect to its own error type names. */
  public enum Kind {
    INVALID_REQUEST,
    AUTHENTICATION,
    PERMISSION,
    NOT_FOUND,
    REQUEST_TOO_LARGE,
    RATE_LIMIT,
    UPSTREAM,
    INTERNAL
  }

  public ProxyError {
    retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
  }

  public static ProxyError invalidRequest(String code, String message) {
    return new ProxyError(400, Kind.INVALID_REQUEST, code, message, Optional.empty());
  }

  /** The exception that carries this error to the code that answers the client. */
  public ProxyException toException() {
    return new ProxyException(this);
  }

  /** Whole seconds for a {@code Retry-After} header, at least 1. */
  public Optional<Long> retryAfterSeconds() {
    return retryAfter.map(d -> Math.max(1, (d.toMillis() + 999) / 1000));
  }
}
