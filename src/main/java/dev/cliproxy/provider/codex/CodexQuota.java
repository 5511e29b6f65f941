package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.hint.ResetTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usage windows the Codex backend reports on every answer: {@code x-codex-primary-*} (the
 * five-hour window) and {@code x-codex-secondary-*} (the weekly one), each with {@code
 * -used-percent}, {@code -window-minutes} and {@code -reset-at} (epoch seconds; the older {@code
 * -reset-after-seconds} when that is all there is), and the plan in {@code x-codex-plan-type}.
 */
final class CodexQuota {
  private static final List<String> WINDOWS = List.of("primary", "secondary");

  private CodexQuota() {}

  static Optional<QuotaSnapshot> read(UpstreamHeaders headers, Instant now) {
    List<QuotaSnapshot.Window> windows = new ArrayList<>();
    for (String name : WINDOWS) {
      window(headers, name, now).ifPresent(windows::add);
    }
    if (windows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new QuotaSnapshot(now, headers.first("x-codex-plan-type").map(String::strip), windows));
  }

  private static Optional<QuotaSnapshot.Window> window(
      UpstreamHeaders headers, String name, Instant now) {
    String prefix = "x-codex-" + name + "-";
    Optional<Double> used = number(headers.first(prefix + "used-percent"));
    if (used.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> length =
        number(headers.first(prefix + "window-minutes"))
            .filter(m -> m > 0)
            .map(m -> Duration.ofMinutes(m.longValue()));
    Optional<Instant> resetsAt =
        headers
            .first(prefix + "reset-at")
            .flatMap(at -> ResetTime.parse(at, now))
            .or(() ->
                number(headers.first(prefix + "reset-after-seconds"))
                    .filter(s -> s >= 0)
                    .map(s -> now.plusSeconds(s.longValue())));
    return Optional.of(new QuotaSnapshot.Window(name, used, length, resetsAt, Optional.empty()));
  }

  private static Optional<Double> number(Optional<String> text) {
    try {
      return text.map(String::strip).map(Double::parseDouble).filter(Double::isFinite);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
