package dev.cliproxy.provider.hint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResetHintTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final long NOW_EPOCH = NOW.getEpochSecond();

  private static UpstreamHeaders headers(String... namesAndValues) {
    return UpstreamHeaders.of(namesAndValues);
  }

  private static Optional<Duration> hint(int status, UpstreamHeaders headers, String body) {
    return ResetHint.of(status, headers, body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private static Optional<Duration> hint429(UpstreamHeaders headers, String body) {
    return hint(429, headers, body);
  }

  @Test
  void noHintIsEmpty() {
    assertThat(hint429(headers(), "{\"error\":{\"message\":\"slow down\"}}")).isEmpty();
    assertThat(hint429(headers(), "rate limited")).isEmpty();
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    assertThat(hint429(headers("Retry-After", "45"), "")).hasValue(Duration.ofSeconds(45));
    assertThat(hint429(headers("Retry-After", "Sun, 22 Nov 2026 10:02:00 GMT"), ""))
        .hasValue(Duration.ofMinutes(2));
    assertThat(hint429(headers("retry-after-ms", "2500"), "")).hasValue(Duration.ofMillis(2500));
  }

  @Test
  void retryAfterCountsOnOtherFailuresToo() {
    assertThat(hint(503, headers("Retry-After", "120"), "")).hasValue(Duration.ofMinutes(2));
  }

  @Test
  void codexUsageLimitReachedWithResetsAt() {
    String body =
        """
        {"error":{"type":"usage_limit_reached","message":"The usage limit has been reached",
        "plan_type":"plus","resets_at":%d}}\
        """
            .formatted(NOW_EPOCH + 3 * 3600);
    assertThat(hint429(headers(), body)).hasValue(Duration.ofHours(3));
  }

  @Test
  void codexUsageLimitReachedWithResetsInSeconds() {
    String body =
        "{\"error\":{\"type\":\"usage_limit_reached\",\"message\":\"limit\",\"resets_in_seconds\":5400}}";
    assertThat(hint429(headers(), body)).hasValue(Duration.ofMinutes(90));
  }

  @Test
  void geminiRetryInfo() {
    String body =
        """
        {"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED",
        "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}]}}\
        """;
    assertThat(hint429(headers(), body)).hasValue(Duration.ofSeconds(30));
  }

  @Test
  void geminiRetryInfoWithFractionsIsRoundedUpToTheOneSecondMinimum() {
    String body =
        "[{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
            + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.847655010s\"}]}}]";
    assertThat(hint429(headers(), body)).hasValue(Duration.ofSeconds(1));
    String longer =
        "{\"error\":{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
            + "\"retryDelay\":\"2.5s\"}]}}";
    assertThat(hint429(headers(), longer)).hasValue(Duration.ofMillis(2500));
  }

  @Test
  void anthropicSubscriptionResetInEpochSeconds() {
    UpstreamHeaders h =
        headers(
            "anthropic-ratelimit-unified-status", "rejected",
            "anthropic-ratelimit-unified-reset", Long.toString(NOW_EPOCH + 7200),
            "anthropic-ratelimit-unified-representative-claim", "five_hour");
    assertThat(hint429(h, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"}}"))
        .hasValue(Duration.ofHours(2));
  }

  @Test
  void anthropicWindowsWithRoomLeftDoNotCount() {
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
    assertThat(hint429(h, "")).hasValue(Duration.ofHours(1));
  }

  @Test
  void anthropicApiRateLimitResetsInRfc3339() {
    UpstreamHeaders h =
        headers(
            "anthropic-ratelimit-requests-remaining", "0",
            "anthropic-ratelimit-requests-reset", "2026-11-22T10:00:40Z",
            "anthropic-ratelimit-tokens-remaining", "18000",
            "anthropic-ratelimit-tokens-reset", "2026-11-22T10:05:00Z",
            "anthropic-ratelimit-input-tokens-reset", "2026-11-22T12:00:20+02:00");
    // requests are used up (40 s); tokens have room; input-tokens says nothing, so it counts (20 s)
    assertThat(hint429(h, "")).hasValue(Duration.ofSeconds(40));
  }

  @Test
  void openAiStyleWindowResets() {
    UpstreamHeaders h =
        headers(
            "x-ratelimit-remaining-requests", "0",
            "x-ratelimit-reset-requests", "6m0s",
            "x-ratelimit-remaining-tokens", "149000",
            "x-ratelimit-reset-tokens", "1h0m0s");
    assertThat(hint429(h, "")).hasValue(Duration.ofMinutes(6));
    assertThat(
            hint429(
                headers("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "1s"), ""))
        .hasValue(Duration.ofSeconds(1));
  }

  @Test
  void theLatestRelevantHintWins() {
    String codex = "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_in_seconds\":600}}";
    assertThat(hint429(headers("Retry-After", "5"), codex)).hasValue(Duration.ofMinutes(10));
    assertThat(hint429(headers("Retry-After", "900"), codex)).hasValue(Duration.ofMinutes(15));
  }

  @Test
  void quotaHintsAreReadOnlyFrom429s() {
    String codex = "{\"error\":{\"resets_in_seconds\":600}}";
    UpstreamHeaders window =
        headers(
            "anthropic-ratelimit-unified-status",
            "rejected",
            "anthropic-ratelimit-unified-reset",
            Long.toString(NOW_EPOCH + 7200));
    assertThat(hint(500, window, codex)).isEmpty();
    assertThat(hint(401, headers(), codex)).isEmpty();
  }

  @Test
  void hintsAreClampedBetweenOneSecondAndOneDay() {
    assertThat(hint429(headers("Retry-After", "0"), "")).hasValue(Duration.ofSeconds(1));
    String past = "{\"error\":{\"resets_at\":%d}}".formatted(NOW_EPOCH - 60);
    assertThat(hint429(headers(), past)).hasValue(Duration.ofSeconds(1));
    assertThat(hint429(headers("Retry-After", "1555200"), "")) // 18 days
        .hasValue(Duration.ofHours(24));
    String weekly = "{\"error\":{\"resets_at\":%d}}".formatted(NOW_EPOCH + 6 * 86400);
    assertThat(hint429(headers(), weekly)).hasValue(Duration.ofHours(24));
  }

  @Test
  void malformedHintsAreIgnored() {
    assertThat(hint429(headers("Retry-After", "soon"), "")).isEmpty();
    assertThat(hint429(headers("retry-after-ms", "-5"), "")).isEmpty();
    assertThat(hint429(headers(), "{\"error\":{\"resets_at\":\"tomorrow\"}}")).isEmpty();
    assertThat(
            hint429(
                headers(),
                "{\"error\":{\"details\":[{\"@type\":"
                    + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"later\"}]}}"))
        .isEmpty();
    assertThat(
            hint429(
                headers(
                    "anthropic-ratelimit-unified-status", "rejected",
                    "anthropic-ratelimit-unified-reset", "whenever"),
                "{not json"))
        .isEmpty();
  }
}
