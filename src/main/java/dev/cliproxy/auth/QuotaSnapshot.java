package dev.cliproxy.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an upstream last said about a credential's allowance, read from its answer headers: the plan
 * and its usage windows (Codex's five-hour and weekly windows, Anthropic's unified windows).
 *
 * @param observedAt when the answer carrying it arrived
 * @param plan the plan the upstream names, if it does (e.g. {@code plus}, {@code pro})
 * @param windows the windows it reported, in the order it reported them
 */
public record QuotaSnapshot(Instant observedAt, Optional<String> plan, List<Window> windows) {
  public QuotaSnapshot {
    windows = List.copyOf(windows);
  }

  /**
   * One usage window.
   *
   * @param name the upstream's name for it, e.g. {@code primary}, {@code unified-5h}
   * @param usedPercent how much of it is used, 0 to 100 (may pass 100 when over)
   * @param length how long the window is, if said
   * @param resetsAt when it starts over, if said
   * @param status the upstream's word for its state, if it gives one (e.g. {@code allowed}, {@code
   *     allowed_warning}, {@code rejected})
   */
  public record Window(
      String name,
      Optional<Double> usedPercent,
      Optional<Duration> length,
      Optional<Instant> resetsAt,
      Optional<String> status) {}
}
