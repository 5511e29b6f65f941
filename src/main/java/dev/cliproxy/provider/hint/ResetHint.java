package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.UpstreamHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a credential that an upstream refused is usable again, as the refusal says.
 *
 * <p>Hints read:
 *
 * <ul>
 *   <li>on any failure: {@code Retry-After} (seconds or an HTTP date) and {@code retry-after-ms};
 *   <li>on a 429 also: the quota error body ({@link QuotaErrorBody}: Codex {@code resets_at} /
 *       {@code resets_in_seconds}, Gemini {@code RetryInfo.retryDelay}) and the used-up rate-limit
 *       windows in the headers ({@link RateLimitWindows}: Anthropic {@code
 *       anthropic-ratelimit-*-reset}, OpenAI-style {@code x-ratelimit-reset-*}).
 * </ul>
 *
 * <p>Rule: the <b>latest</b> of these wins, because the credential is usable only once every limit
 * it ran into has reset (a short {@code Retry-After} next to a five-hour quota reset would only buy
 * a refused probe). Windows that still have room are not among the hints, so a far-off weekly reset
 * does not count when the five-hour window is what ran out. The result is clamped to [1 s, 24 h]: a
 * reset already past still rests the credential a moment, and no hint benches it for longer than a
 * day (after which one request probes it and the new answer sets the next rest).
 */
public final class ResetHint {
  static final Duration MIN = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofHours(24);

  private ResetHint() {}

  /**
   * The rest the answer asks for.
   *
   * @param status the upstream's HTTP status
   * @param headers its answer headers
   * @param body its error body (bounded)
   * @return empty when the answer holds no hint
   */
  public static Optional<Duration> of(
      int status, UpstreamHeaders headers, byte[] body, Instant now) {
    List<Instant> hints = new ArrayList<>();
    RetryAfter.parse(headers.get("Retry-After"), now).map(now::plus).ifPresent(hints::add);
    afterMillis(headers.get("retry-after-ms"), now).ifPresent(hints::add);
    if (status == 429) {
      hints.addAll(QuotaErrorBody.resets(body, now));
      hints.addAll(RateLimitWindows.usedUpResets(headers, now));
    }
    return hints.stream()
        .max(Comparator.naturalOrder())
        .map(at -> clamp(Duration.between(now, at)));
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

  private static Duration clamp(Duration d) {
    return d.compareTo(MIN) < 0 ? MIN : d.compareTo(MAX) > 0 ? MAX : d;
  }
}
