package dev.cliproxy.provider.hint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a duration written the way Go prints one and protobuf JSON encodes one: {@code "30s"},
 * {@code "0.847655010s"}, {@code "6m0s"}, {@code "1h2m3.5s"}, {@code "20ms"}. A bare number is
 * taken as seconds.
 */
final class DurationText {
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private DurationText() {}

  /** The duration, or empty when the text is not one (or is negative). */
  static Optional<Duration> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.strip();
    try {
      return Optional.of(seconds(new BigDecimal(s)));
    } catch (NumberFormatException | ArithmeticException notBare) {
      // units follow
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      if (start == unitStart || unitStart == i) {
        return Optional.empty();
      }
      BigDecimal number;
      try {
        number = new BigDecimal(s.substring(start, unitStart));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      BigDecimal nanosPerUnit =
          switch (s.substring(unitStart, i)) {
            case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
            case "ns" -> BigDecimal.ONE;
            default -> null;
          };
      if (nanosPerUnit == null) {
        return Optional.empty();
      }
      total = total.add(number.multiply(nanosPerUnit));
    }
    return Optional.of(ofNanos(total));
  }

  private static Duration seconds(BigDecimal seconds) {
    if (seconds.signum() < 0) {
      throw new NumberFormatException("negative");
    }
    return ofNanos(seconds.movePointRight(9));
  }

  /** Whole nanoseconds, at most what a long holds (some 292 years). */
  private static Duration ofNanos(BigDecimal nanos) {
    return nanos.compareTo(MAX_NANOS) >= 0
        ? Duration.ofNanos(Long.MAX_VALUE)
        : Duration.ofNanos(nanos.longValue());
  }
}
