package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.Refusal;
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
 *   <li>on any failure: {@code Retry-After} (seconds or an HTTP date) and {@code retry-after-ms}
 *       ({@link RetryAfter});
 *   <li>on a 429 also: the {@link QuotaHint}s the provider knows its upstream sends, such as the
 *       used-up OpenAI-style windows ({@link RateLimitHeaders}), Google's {@link RetryInfo}, or a
 *       provider's own quota body or headers.
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
   * The rest the refusal asks for.
   *
   * @param refusal the upstream's answer
   * @param quotaHints the quota hints its upstream sends, read on a 429 only
   * @return empty when the answer holds no hint
   */
  public static Optional<Duration> of(Refusal refusal, QuotaHint... quotaHints) {
    Instant now = refusal.now();
    List<Instant> hints = new ArrayList<>(RetryAfter.resets(refusal.headers(), now));
    if (refusal.status() == 429) {
      for (QuotaHint quota : quotaHints) {
        hints.addAll(quota.resets(refusal));
      }
    }
    return hints.stream()
        .max(Comparator.naturalOrder())
        .map(at -> clamp(Duration.between(now, at)));
  }

  private static Duration clamp(Duration d) {
    return d.compareTo(MIN) < 0 ? MIN : d.compareTo(MAX) > 0 ? MAX : d;
  }
}
