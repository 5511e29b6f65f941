package dev.cliproxy.provider;

import dev.cliproxy.auth.QuotaSnapshot;
import java.time.Instant;
import java.util.Optional;

/**
 * A question an upstream answers about one credential's allowance when its model answers say
 * nothing of it (Code Assist's {@code retrieveUserQuota}), with how to read the answer.
 *
 * @param request the POST that asks
 * @param reader reads a 200 answer's body
 */
public record QuotaProbe(UpstreamRequest request, Reader reader) {

  /** Reads a probe's answer. */
  @FunctionalInterface
  public interface Reader {
    /**
     * @param body the answer's body
     * @param now when it arrived
     * @return what it says; empty when it cannot be read
     */
    Optional<QuotaSnapshot> read(byte[] body, Instant now);
  }
}
