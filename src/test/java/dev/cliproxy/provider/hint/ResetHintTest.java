package dev.cliproxy.provider.hint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared hints and the rule that combines them, with the shared quota hints. */
class ResetHintTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final long NOW_EPOCH = NOW.getEpochSecond();

  private static UpstreamHeaders headers(String... namesAndValues) {
    return UpstreamHeaders.of(namesAndValues);
  }

  private static Optional<Duration> hint(int status, UpstreamHeaders headers, String body) {
    Refusal refusal =
        new Refusal(status, headers, body.getBytes(StandardCharsets.UTF_8), NOW, true);
    return ResetHint.of(refusal, RateLimitHeaders::usedUpResets, RetryInfo::resets);
  }

  private static Optional<Duration> hint429(UpstreamHeaders headers, String body) {
    return hint(429, headers, body);
  }

  private static String retryInfo(String delay) {
    return "{\"error\":{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
        + "\"retryDelay\":"
        + delay
        + "}]}}";
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
  void geminiRetryInfo() {
    String body =
        """
        {"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED",
        "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}]}}\
        """;
    assertThat(hint429(headers(), body)).hasValue(Duration.ofSeconds(30));
    assertThat(hint429(headers(), retryInfo("{\"seconds\":\"12\",\"nanos\":500000000}")))
        .hasValue(Duration.ofMillis(12_500));
  }

  @Test
  void geminiRetryInfoWithFractionsIsRoundedUpToTheOneSecondMinimum() {
    String body =
        "[{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
            + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.847655010s\"}]}}]";
    assertThat(hint429(headers(), body)).hasValue(Duration.ofSeconds(1));
    assertThat(hint429(headers(), retryInfo("\"2.5s\""))).hasValue(Duration.ofMillis(2500));
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
    assertThat(
            hint429(
                headers(
                    "x-ratelimit-limit-requests", "500",
                    "x-ratelimit-remaining-requests", "0",
                    "x-ratelimit-reset-requests", "1m30s"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"))
        .hasValue(Duration.ofSeconds(90));
  }

  @Test
  void openAiStyleWindowsWithoutARemainingCountCount() {
    assertThat(hint429(headers("x-ratelimit-reset-requests", "20ms"), ""))
        .as("a reset under a second still rests the minimum")
        .hasValue(Duration.ofSeconds(1));
    assertThat(hint429(headers("X-RateLimit-Reset-Tokens", "2026-11-22T10:03:00Z"), ""))
        .hasValue(Duration.ofMinutes(3));
  }

  @Test
  void theLatestRelevantHintWins() {
    assertThat(hint429(headers("Retry-After", "5"), retryInfo("\"600s\"")))
        .hasValue(Duration.ofMinutes(10));
    assertThat(hint429(headers("Retry-After", "900"), retryInfo("\"600s\"")))
        .hasValue(Duration.ofMinutes(15));
  }

  @Test
  void quotaHintsAreReadOnlyFrom429s() {
    UpstreamHeaders window =
        headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2h");
    assertThat(hint(500, window, retryInfo("\"600s\""))).isEmpty();
    assertThat(hint(401, headers(), retryInfo("\"600s\""))).isEmpty();
  }

  @Test
  void hintsAreClampedBetweenOneSecondAndOneDay() {
    assertThat(hint429(headers("Retry-After", "0"), "")).hasValue(Duration.ofSeconds(1));
    String past = Long.toString(NOW_EPOCH - 60);
    assertThat(hint429(headers("x-ratelimit-reset-requests", past), ""))
        .hasValue(Duration.ofSeconds(1));
    assertThat(hint429(headers("Retry-After", "1555200"), "")) // 18 days
        .hasValue(Duration.ofHours(24));
    String weekly = Long.toString(NOW_EPOCH + 6 * 86400);
    assertThat(hint429(headers("x-ratelimit-reset-tokens", weekly), ""))
        .hasValue(Duration.ofHours(24));
  }

  @Test
  void malformedHintsAreIgnored() {
    assertThat(hint429(headers("Retry-After", "soon"), "")).isEmpty();
    assertThat(hint429(headers("retry-after-ms", "-5"), "")).isEmpty();
    assertThat(hint429(headers("x-ratelimit-reset-requests", "whenever"), "{not json")).isEmpty();
    assertThat(hint429(headers(), retryInfo("\"later\""))).isEmpty();
  }

  @Test
  void withoutQuotaHintsOnlyRetryAfterIsRead() {
    Refusal refusal =
        new Refusal(
            429,
            headers("x-ratelimit-reset-requests", "6m0s", "Retry-After", "7"),
            retryInfo("\"600s\"").getBytes(StandardCharsets.UTF_8),
            NOW,
            false);
    assertThat(ResetHint.of(refusal)).hasValue(Duration.ofSeconds(7));
  }
}
