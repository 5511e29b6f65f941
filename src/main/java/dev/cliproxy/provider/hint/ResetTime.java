package dev.cliproxy.provider.hint;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A reset time as upstreams write it in their rate-limit headers: an RFC 3339 timestamp, epoch
 * seconds (or milliseconds), a number of seconds from now, or a Go-style duration from now ({@code
 * "6m0s"}, {@code "1m30s"}).
 */
public final class ResetTime {
  private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
  private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

  private ResetTime() {}

  /** The time the value names; empty when it names none (or a negative one). */
  public static Optional<Instant> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    Optional<BigDecimal> number = number(v);
    if (number.isPresent()) {
      BigDecimal n = number.get();
      if (n.signum() < 0) {
        return Optional.empty();
      }
      if (n.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0) {
        return Optional.of(
            Instant.ofEpochMilli(n.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue()));
      }
      if (n.compareTo(BigDecimal.valueOf(EPOCH_SECONDS_FROM)) >= 0) {
        return Optional.of(Instant.ofEpochSecond(n.longValue()));
      }
    }
    if (v.length() > 10 && v.charAt(4) == '-') {
      try {
        return Optional.of(OffsetDateTime.parse(v).toInstant());
      } catch (DateTimeParseException notRfc3339) {
        return Optional.empty();
      }
    }
    return DurationText.parse(v).map(now::plus);
  }

  private static Optional<BigDecimal> number(String text) {
    try {
      return Optional.of(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
