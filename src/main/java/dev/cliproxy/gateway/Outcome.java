package dev.cliproxy.gateway;

import dev.cliproxy.dialect.model.Usage;
import java.time.Duration;
import java.util.Optional;

/** What came of one try of one credential, as the steps of the chain hand it back up. */
sealed interface Outcome {

  /** The try it came from, as it reached the upstream (translated, prepared). */
  Attempt attempt();

  /** The upstream's HTTP status; 0 when no answer came. */
  int status();

  /** Time from sending to the answer's head, empty when no answer came. */
  Optional<Duration> firstByte();

  /**
   * The upstream answered and the answer went to the client (or the client left just after).
   *
   * @param complete false when the upstream broke off after the client had started receiving
   * @param usage the token counts the answer reported, if any
   */
  record Delivered(
      Attempt attempt,
      int status,
      boolean complete,
      Optional<Usage> usage,
      Optional<Duration> firstByte)
      implements Outcome {}

  /** The client hung up while the upstream was still answering; nothing learned about it. */
  record HungUp(Attempt attempt, int status, Optional<Usage> usage, Optional<Duration> firstByte)
      implements Outcome {}

  /** Nothing reached the client; the gateway may try elsewhere. */
  record Failed(Attempt attempt, UpstreamFailure failure, Optional<Duration> firstByte)
      implements Outcome {
    @Override
    public int status() {
      return failure.status();
    }
  }
}
