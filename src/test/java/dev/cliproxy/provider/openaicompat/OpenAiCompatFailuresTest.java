package dev.cliproxy.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An OpenAI-compatible host's refusals: the shared hints, and which refusals mean a wrong key. */
class OpenAiCompatFailuresTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static FailureReading read(
      int status, UpstreamHeaders headers, String body, boolean apiKey) {
    return OpenAiCompatFailures.INSTANCE.read(
        new Refusal(status, headers, body.getBytes(StandardCharsets.UTF_8), NOW, apiKey));
  }

  @Test
  void openAiWindowResetsAsDurationText() {
    UpstreamHeaders h =
        UpstreamHeaders.of(
            "x-ratelimit-limit-requests", "500",
            "x-ratelimit-remaining-requests", "0",
            "x-ratelimit-reset-requests", "1m30s",
            "x-ratelimit-remaining-tokens", "29000",
            "x-ratelimit-reset-tokens", "2s");
    FailureReading reading = read(429, h, "{\"error\":{\"type\":\"requests\"}}", true);
    assertThat(reading.rest()).hasValue(Duration.ofSeconds(90));
    assertThat(reading.permanent()).isFalse();
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    assertThat(read(429, UpstreamHeaders.of("Retry-After", "20"), "", true).rest())
        .hasValue(Duration.ofSeconds(20));
    assertThat(
            read(429, UpstreamHeaders.of("Retry-After", "Sun, 22 Nov 2026 10:05:00 GMT"), "", true)
                .rest())
        .hasValue(Duration.ofMinutes(5));
  }

  @Test
  void googlesOpenAiEndpointRetryInfo() {
    String body =
        "[{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota\","
            + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
            + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"42s\"}]}}]";
    assertThat(read(429, UpstreamHeaders.NONE, body, true).rest()).hasValue(Duration.ofSeconds(42));
  }

  @Test
  void codexAndAnthropicHintsAreNotReadHere() {
    String codexBody = "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_in_seconds\":600}}";
    UpstreamHeaders anthropic =
        UpstreamHeaders.of(
            "anthropic-ratelimit-unified-status",
            "rejected",
            "anthropic-ratelimit-unified-reset",
            Long.toString(NOW.getEpochSecond() + 7200));
    assertThat(read(429, anthropic, codexBody, true)).isEqualTo(FailureReading.NONE);
  }

  @Test
  void a401ToTheKeyDisablesIt() {
    String body =
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-****.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    FailureReading reading = read(401, UpstreamHeaders.NONE, body, true);
    assertThat(reading.permanent()).isTrue();
    assertThat(reading.why())
        .isEqualTo("the upstream says the API key is invalid (401 invalid_api_key)");
    FailureReading openRouter =
        read(
            401,
            UpstreamHeaders.NONE,
            "{\"error\":{\"message\":\"No auth credentials found\"," + "\"code\":401}}",
            true);
    assertThat(openRouter.why()).isEqualTo("the upstream says the API key is invalid (401)");
  }

  @Test
  void a403DisablesTheKeyOnlyWhenItSaysTheKeyHasNoAccess() {
    String google =
        "[{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers\","
            + "\"status\":\"PERMISSION_DENIED\"}}]";
    FailureReading denied = read(403, UpstreamHeaders.NONE, google, true);
    assertThat(denied.permanent()).isTrue();
    assertThat(denied.why())
        .isEqualTo("the upstream says the API key has no access (403 permission_denied)");
    String region =
        "{\"error\":{\"code\":\"unsupported_country_region_territory\","
            + "\"message\":\"Country, region, or territory not supported\","
            + "\"type\":\"request_forbidden\"}}";
    assertThat(read(403, UpstreamHeaders.NONE, region, true).permanent()).isFalse();
  }

  @Test
  void noKeyIsNeverDisabledAsAWrongOne() {
    assertThat(read(401, UpstreamHeaders.NONE, "{\"error\":{\"code\":\"invalid_api_key\"}}", false))
        .isEqualTo(FailureReading.NONE);
  }
}
