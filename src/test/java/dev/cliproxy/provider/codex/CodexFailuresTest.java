package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Codex's refusals: the usage_limit_reached body, OpenAI's windows, and wrong keys. */
class CodexFailuresTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final long NOW_EPOCH = NOW.getEpochSecond();

  private static UpstreamHeaders headers(String... namesAndValues) {
    return UpstreamHeaders.of(namesAndValues);
  }

  private static FailureReading read(
      int status, UpstreamHeaders headers, String body, boolean apiKey) {
    return CodexFailures.INSTANCE.read(
        new Refusal(status, headers, body.getBytes(StandardCharsets.UTF_8), NOW, apiKey));
  }

  private static FailureReading read429(UpstreamHeaders headers, String body) {
    return read(429, headers, body, false);
  }

  @Test
  void usageLimitReachedWithResetsAt() {
    String body =
        """
        {"error":{"type":"usage_limit_reached","message":"The usage limit has been reached",
        "plan_type":"plus","resets_at":%d}}\
        """
            .formatted(NOW_EPOCH + 3 * 3600);
    FailureReading reading = read429(headers(), body);
    assertThat(reading.rest()).hasValue(Duration.ofHours(3));
    assertThat(reading.permanent()).isFalse();
  }

  @Test
  void usageLimitReachedWithResetsInSeconds() {
    String body =
        "{\"error\":{\"type\":\"usage_limit_reached\",\"message\":\"limit\",\"resets_in_seconds\":5400}}";
    assertThat(read429(headers(), body).rest()).hasValue(Duration.ofMinutes(90));
    String asText = "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_in_seconds\":\"60\"}}";
    assertThat(read429(headers(), asText).rest()).hasValue(Duration.ofMinutes(1));
  }

  @Test
  void theLatestOfRetryAfterAndTheBodyWins() {
    String body = "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_in_seconds\":600}}";
    assertThat(read429(headers("Retry-After", "5"), body).rest()).hasValue(Duration.ofMinutes(10));
    assertThat(read429(headers("Retry-After", "900"), body).rest())
        .hasValue(Duration.ofMinutes(15));
  }

  @Test
  void openAiWindowsCountForApiKeys() {
    UpstreamHeaders h =
        headers("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "1m30s");
    assertThat(read(429, h, "{\"error\":{\"code\":\"rate_limit_exceeded\"}}", true).rest())
        .hasValue(Duration.ofSeconds(90));
  }

  @Test
  void resetsAreClampedAndMalformedOnesIgnored() {
    String past = "{\"error\":{\"resets_at\":%d}}".formatted(NOW_EPOCH - 60);
    assertThat(read429(headers(), past).rest()).hasValue(Duration.ofSeconds(1));
    String weekly = "{\"error\":{\"resets_at\":%d}}".formatted(NOW_EPOCH + 6 * 86400);
    assertThat(read429(headers(), weekly).rest()).hasValue(Duration.ofHours(24));
    assertThat(read429(headers(), "{\"error\":{\"resets_at\":\"tomorrow\"}}").rest()).isEmpty();
    assertThat(read429(headers(), "{not json").rest()).isEmpty();
  }

  @Test
  void theBodyIsReadOnlyFrom429s() {
    String body = "{\"error\":{\"resets_in_seconds\":600}}";
    assertThat(read(500, headers(), body, false).rest()).isEmpty();
    assertThat(read(401, headers(), body, false).rest()).isEmpty();
  }

  @Test
  void a401ToAnApiKeyDisablesItAsAnInvalidKey() {
    String body =
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    FailureReading reading = read(401, headers(), body, true);
    assertThat(reading.permanent()).isTrue();
    assertThat(reading.why())
        .isEqualTo("the upstream says the API key is invalid (401 invalid_api_key)");
  }

  @Test
  void a401ToAnAccountIsAStaleTokenNotAWrongKey() {
    String body =
        "{\"error\":{\"message\":\"Your authentication token has been invalidated.\","
            + "\"type\":\"invalid_request_error\",\"code\":\"token_invalidated\"}}";
    assertThat(read(401, headers(), body, false)).isEqualTo(FailureReading.NONE);
    assertThat(read(403, headers(), "{\"detail\":\"Forbidden\"}", true).permanent()).isFalse();
  }
}
