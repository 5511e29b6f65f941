package dev.cliproxy.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * What a provider reads from an upstream's refusal about the credential that sent it.
 *
 * @param rest how long the credential should rest, as the upstream said (reset hints); empty when
 *     it did not say, so the cooldown table decides
 * @param permanent true when the refusal says the credential cannot work until it changes (a key
 *     the upstream calls invalid): it is then benched until a new login or a config change
 * @param why a short reason for status pages and logs, empty when there is nothing to add
 */
public record FailureReading(Optional<Duration> rest, boolean permanent, String why) {
  /** Nothing to add to the status code. */
  public static final FailureReading NONE = new FailureReading(Optional.empty(), false, "");

  /** A reading with only a reset hint. */
  public static FailureReading rest(Optional<Duration> rest) {
    return new FailureReading(rest, false, "");
  }

  /**
   * A reading with a reset hint that is permanent when there is a reason the credential cannot
   * work.
   *
   * @param disabledWhy why the credential cannot work until it changes; empty when it can
   */
  public static FailureReading of(Optional<Duration> rest, Optional<String> disabledWhy) {
    return disabledWhy.map(why -> new FailureReading(rest, true, why)).orElseGet(() -> rest(rest));
  }
}
