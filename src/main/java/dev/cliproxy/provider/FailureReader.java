package dev.cliproxy.provider;

import java.time.Instant;

/**
 * How one provider reads an upstream's refusal (a non-2xx answer): its status, headers and error
 * body become a rest until a time, and whether the credential is unusable for good. Each provider
 * knows its upstream's hints (reset headers, quota bodies); the gateway applies the result.
 */
@FunctionalInterface
public interface FailureReader {

  /**
   * @param status the upstream's HTTP status (never 2xx)
   * @param headers the answer's headers
   * @param body the error body (bounded), possibly empty
   * @param now the time the answer arrived
   */
  FailureReading read(int status, UpstreamHeaders headers, byte[] body, Instant now);
}
