package dev.cliproxy.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Code Assist's refusals: Google's RetryInfo on a 429, and a 403 that rests one account. */
class CodeAssistFailuresTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static FailureReading read(int status, UpstreamHeaders headers, String body) {
    return CodeAssistFailures.INSTANCE.read(
        new Refusal(status, headers, body.getBytes(StandardCharsets.UTF_8), NOW, false));
  }

  @Test
  void aQuotaRefusalRestsForRetryInfosDelay() {
    FailureReading reading =
        read(
            429,
            UpstreamHeaders.NONE,
            "{\"error\":{\"code\":429,\"message\":\"You have exhausted your capacity on this model.\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"34.5s\"}]}}");
    assertThat(reading.rest()).hasValue(Duration.ofMillis(34_500));
    assertThat(reading.permanent()).isFalse();
  }

  @Test
  void retryAfterCountsToo() {
    assertThat(read(503, UpstreamHeaders.of("Retry-After", "7"), "").rest())
        .hasValue(Duration.ofSeconds(7));
  }

  @Test
  void permissionDeniedRestsOnlyThisAccountAndSaysWhy() {
    FailureReading reading =
        read(
            403,
            UpstreamHeaders.NONE,
            "{\"error\":{\"code\":403,\"message\":\"Permission denied on resource project p.\","
                + "\"status\":\"PERMISSION_DENIED\"}}");
    assertThat(reading.permanent()).isFalse();
    assertThat(reading.rest()).isEmpty();
    assertThat(reading.why())
        .isEqualTo("PERMISSION_DENIED: Permission denied on resource project p.");
  }

  @Test
  void anOrdinaryRefusalAddsNothing() {
    assertThat(read(400, UpstreamHeaders.NONE, "{\"error\":{\"code\":400}}"))
        .isEqualTo(FailureReading.NONE);
  }
}
