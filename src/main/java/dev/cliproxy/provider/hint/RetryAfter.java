package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.UpstreamHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP {@code Retry-After} header (delay seconds or an HTTP date) and its millisecond sibling
 * {@code retry-after-ms}, which OpenAI's and Anthropic's SDKs read.
 */
final class RetryAfter {
  private RetryAfter() {}

  /** When the headers say to come back, one time per header present and readable. */
  static List<Instant> resets(UpstreamHeaders headers, Instant now) {
    List<Instant> resets = new ArrayList<>(2);
    parse(headers.get("Retry-After"), now).map(now::plus).ifPresent(resets::add);
    afterMillis(headers.get("retry-after-ms"), now).ifPresent(resets::add);
    return resets;
  }

  /** A {@code Retry-After} value as a delay from now. */
  static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      double seconds = Double.parseDouble(v);
      if (seconds < 0 || Double.isNaN(seconds)) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** {@code retry-after-ms}: milliseconds from now. */
  private static Optional<Instant> afterMillis(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      double ms = Double.parseDouble(value.strip());
      return ms >= 0 ? Optional.of(now.plusNanos((long) (ms * 1_000_000))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
