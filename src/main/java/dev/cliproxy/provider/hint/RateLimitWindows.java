package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.UpstreamHeaders;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rate-limit windows an upstream reports in its answer headers, and when the used-up ones
 * reset.
 *
 * <ul>
 *   <li>Anthropic: {@code anthropic-ratelimit-<window>-reset} (RFC 3339, or epoch seconds for the
 *       subscription windows {@code unified}, {@code unified-5h}, {@code unified-7d} …), with
 *       {@code -status}, {@code -remaining} or {@code -utilization} saying whether that window is
 *       used up.
 *   <li>OpenAI style: {@code x-ratelimit-reset-<window>} ({@code "1s"}, {@code "6m0s"}), with
 *       {@code x-ratelimit-remaining-<window>}.
 * </ul>
 *
 * <p>A window counts when its companions show it used up ({@code status: rejected}, {@code
 * remaining: 0}, {@code utilization >= 1}) or say nothing about it. Windows with room left are not
 * why the request was refused, so their resets are ignored; so is Anthropic's {@code
 * unified-overage} window, which is paid extra usage (often switched off and then always {@code
 * rejected}), not the plan's allowance.
 */
final class RateLimitWindows {
  private static final String ANTHROPIC = "anthropic-ratelimit-";
  private static final String OVERAGE = ANTHROPIC + "unified-overage";
  private static final String OPENAI_RESET = "x-ratelimit-reset-";
  private static final String OPENAI_REMAINING = "x-ratelimit-remaining-";
  private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
  private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

  private RateLimitWindows() {}

  /** When each used-up window resets. */
  static List<Instant> usedUpResets(UpstreamHeaders headers, Instant now) {
    List<Instant> resets = new ArrayList<>();
    for (Map.Entry<String, String> field : headers.lowercase()) {
      String name = field.getKey();
      if (name.startsWith(ANTHROPIC) && name.endsWith("-reset") && !name.startsWith(OVERAGE)) {
        String window = name.substring(0, name.length() - "-reset".length());
        if (usedUp(
            headers.get(window + "-status"),
            headers.get(window + "-remaining"),
            headers.get(window + "-utilization"))) {
          resetTime(field.getValue(), now).ifPresent(resets::add);
        }
      } else if (name.startsWith(OPENAI_RESET)) {
        String window = name.substring(OPENAI_RESET.length());
        if (usedUp(null, headers.get(OPENAI_REMAINING + window), null)) {
          resetTime(field.getValue(), now).ifPresent(resets::add);
        }
      }
    }
    return resets;
  }

  /** Whether the window's companions show it used up, or say nothing. */
  private static boolean usedUp(String status, String remaining, String utilization) {
    if (status != null) {
      return status.strip().toLowerCase(Locale.ROOT).equals("rejected");
    }
    if (remaining != null) {
      return number(remaining).map(n -> n.signum() <= 0).orElse(true);
    }
    if (utilization != null) {
      return number(utilization).map(n -> n.compareTo(BigDecimal.ONE) >= 0).orElse(true);
    }
    return true;
  }

  /**
   * A reset time as upstreams write it: an RFC 3339 timestamp, epoch seconds (or milliseconds), a
   * number of seconds from now, or a Go-style duration from now.
   */
  private static Optional<Instant> resetTime(String value, Instant now) {
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
      return Optional.of(new BigDecimal(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
