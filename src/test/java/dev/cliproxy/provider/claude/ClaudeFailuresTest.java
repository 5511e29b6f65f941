package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Anthropic's refusals: its rate-limit windows, and which refusals mean a wrong key. */
class ClaudeFailuresTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final long NOW_EPOCH = NOW.getEpochSecond();
  private static final String RATE_LIMITED =
      "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This request"
          + " would exceed your account's rate limit. Please try again later.\"}}";

  private static UpstreamHeaders headers(String... namesAndValues) {
    return UpstreamHeaders.of(namesAndValues);
  }

  private static FailureReading read(
      int status, UpstreamHeaders headers, String body, boolean apiKey) {
    return ClaudeFailures.INSTANCE.read(
        new Refusal(status, headers, body.getBytes(StandardCharsets.UTF_8), NOW, apiKey));
  }

  private static FailureReading read429(UpstreamHeaders headers) {
    return read(429, headers, RATE_LIMITED, false);
  }

  @Test
  void subscriptionResetInEpochSeconds() {
    UpstreamHeaders h =
        headers(
            "anthropic-ratelimit-unified-status", "rejected",
            "anthropic-ratelimit-unified-reset", Long.toString(NOW_EPOCH + 7200),
            "anthropic-ratelimit-unified-representative-claim", "five_hour");
    FailureReading reading = read429(h);
    assertThat(reading.rest()).hasValue(Duration.ofHours(2));
    assertThat(reading.permanent()).isFalse();
  }

  @Test
  void windowsWithRoomLeftAndTheOverageWindowDoNotCount() {
    UpstreamHeaders h =
        headers(
            "anthropic-ratelimit-unified-5h-status",
            "rejected",
            "anthropic-ratelimit-unified-5h-reset",
            Long.toString(NOW_EPOCH + 3600),
            "anthropic-ratelimit-unified-7d-status",
            "allowed",
            "anthropic-ratelimit-unified-7d-reset",
            Long.toString(NOW_EPOCH + 5 * 86400),
            "anthropic-ratelimit-unified-overage-status",
            "rejected",
            "anthropic-ratelimit-unified-overage-reset",
            Long.toString(NOW_EPOCH + 20 * 3600));
    assertThat(read429(h).rest()).hasValue(Duration.ofHours(1));
  }

  @Test
  void apiRateLimitResetsInRfc3339() {
    UpstreamHeaders h =
        headers(
            "anthropic-ratelimit-requests-remaining", "0",
            "anthropic-ratelimit-requests-reset", "2026-11-22T10:00:40Z",
            "anthropic-ratelimit-tokens-remaining", "18000",
            "anthropic-ratelimit-tokens-reset", "2026-11-22T10:05:00Z",
            "anthropic-ratelimit-input-tokens-reset", "2026-11-22T12:00:20+02:00");
    // requests are used up (40 s); tokens have room; input-tokens says nothing, so it counts (20 s)
    assertThat(read429(h).rest()).hasValue(Duration.ofSeconds(40));
  }

  @Test
  void utilizationAtOrAboveOneIsUsedUp() {
    UpstreamHeaders h =
        headers(
            "anthropic-ratelimit-unified-5h-utilization",
            "1.02",
            "anthropic-ratelimit-unified-5h-reset",
            Long.toString(NOW_EPOCH + 1800),
            "anthropic-ratelimit-unified-7d-utilization",
            "0.4",
            "anthropic-ratelimit-unified-7d-reset",
            Long.toString(NOW_EPOCH + 4 * 86400));
    assertThat(read429(h).rest()).hasValue(Duration.ofMinutes(30));
  }

  @Test
  void retryAfterAndTheWindowsCombineToTheLatest() {
    UpstreamHeaders h =
        headers(
            "retry-after", "12",
            "anthropic-ratelimit-requests-remaining", "0",
            "anthropic-ratelimit-requests-reset", "2026-11-22T10:00:40Z");
    assertThat(read429(h).rest()).hasValue(Duration.ofSeconds(40));
    assertThat(read(529, headers("retry-after", "12"), "", false).rest())
        .hasValue(Duration.ofSeconds(12));
  }

  @Test
  void windowsAreReadOnlyFrom429sAndMalformedOnesAreIgnored() {
    UpstreamHeaders window =
        headers(
            "anthropic-ratelimit-unified-status",
            "rejected",
            "anthropic-ratelimit-unified-reset",
            Long.toString(NOW_EPOCH + 7200));
    assertThat(read(500, window, "", false).rest()).isEmpty();
    assertThat(
            read429(
                    headers(
                        "anthropic-ratelimit-unified-status", "rejected",
                        "anthropic-ratelimit-unified-reset", "whenever"))
                .rest())
        .isEmpty();
  }

  @Test
  void otherUpstreamsHintsAreNotAnthropics() {
    String codexBody = "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_in_seconds\":600}}";
    UpstreamHeaders openAi =
        headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s");
    assertThat(read(429, openAi, codexBody, true).rest()).isEmpty();
  }

  @Test
  void a401ToAnApiKeyDisablesItAsAnInvalidKey() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
            + "\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011C\"}";
    FailureReading reading = read(401, headers(), body, true);
    assertThat(reading.permanent()).isTrue();
    assertThat(reading.why())
        .isEqualTo("the upstream says the API key is invalid (401 authentication_error)");
  }

  @Test
  void a403PermissionErrorToAnApiKeyDisablesIt() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Your API key"
            + " does not have permission to use the specified resource.\"}}";
    FailureReading reading = read(403, headers(), body, true);
    assertThat(reading.permanent()).isTrue();
    assertThat(reading.why())
        .isEqualTo("the upstream says the API key has no access (403 permission_error)");
    assertThat(read(403, headers(), "<html>Request blocked</html>", true).permanent()).isFalse();
  }

  @Test
  void a401ToAnAccountIsNotPermanent() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
            + "\"message\":\"OAuth token has expired.\"}}";
    FailureReading reading = read(401, headers(), body, false);
    assertThat(reading.permanent()).isFalse();
    assertThat(reading.why()).isEmpty();
    assertThat(read(403, headers(), body.replace("authentication", "permission"), false))
        .isEqualTo(FailureReading.NONE);
  }
}
