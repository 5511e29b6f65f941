package dev.cliproxy.gateway;

import dev.cliproxy.provider.FailureReading;
import java.time.Duration;
import java.util.Optional;

/**
 * An upstream try that failed before anything reached the client.
 *
 * @param status the upstream's HTTP status, or 0 when no answer came (connection failure)
 * @param contentType the upstream's content type, empty if none
 * @param body the upstream's error body (bounded), empty for connection failures
 * @param reading what the provider read from the refusal: reset hint, permanence
 * @param reason a short description for logs and for synthesised error messages
 */
record UpstreamFailure(
    int status, String contentType, byte[] body, FailureReading reading, String reason) {

  /** No answer came. */
  static UpstreamFailure unreachable(String reason) {
    return new UpstreamFailure(0, "", new byte[0], FailureReading.NONE, reason);
  }

  /** An answer came but was not one (unreadable, or a stream that failed before its end). */
  static UpstreamFailure badAnswer(int status, String contentType, byte[] body, String reason) {
    return new UpstreamFailure(status, contentType, body, FailureReading.NONE, reason);
  }

  /** How long the upstream said the credential should rest. */
  Optional<Duration> retryAfter() {
    return reading.rest();
  }
}
