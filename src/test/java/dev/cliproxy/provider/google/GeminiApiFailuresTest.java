package dev.cliproxy.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.testing.FakeGeminiApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Google's refusals: RetryInfo rests, API_KEY_INVALID and PERMISSION_DENIED bench a key. */
class GeminiApiFailuresTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static FailureReading read(int status, String body, boolean apiKey) {
    return GeminiApiFailures.INSTANCE.read(
        new Refusal(
            status, UpstreamHeaders.of(), body.getBytes(StandardCharsets.UTF_8), NOW, apiKey));
  }

  @Test
  void aRetryInfoIn429RestsThatLong() {
    FailureReading reading =
        read(
            429,
            "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37.5s\"}]}}",
            true);

    assertThat(reading.rest()).contains(Duration.ofMillis(37_500));
    assertThat(reading.permanent()).isFalse();
  }

  @Test
  void googlesInvalidKeyAnswerBenchesAKeyButNotAnAccount() {
    String body = FakeGeminiApi.invalidKey().toString();

    FailureReading key = read(400, body, true);
    FailureReading account = read(400, body, false);

    assertThat(key.permanent()).isTrue();
    assertThat(key.why()).contains("API_KEY_INVALID");
    assertThat(account.permanent()).isFalse();
  }

  @Test
  void permissionDeniedBenchesAKeyAndOther400sDoNot() {
    assertThat(
            read(403, "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}", true)
                .permanent())
        .isTrue();
    FailureReading badRequest =
        read(
            400,
            "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload received.\","
                + "\"status\":\"INVALID_ARGUMENT\"}}",
            true);
    assertThat(badRequest.permanent()).isFalse();
    assertThat(badRequest.rest()).isEqualTo(Optional.empty());
  }
}
