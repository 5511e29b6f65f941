package dev.cliproxy.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.QuotaSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeAssistQuotaTest {
  private static final Instant NOW = Instant.parse("2026-12-04T05:00:00Z");

  private static Optional<QuotaSnapshot> read(String body) {
    return CodeAssistQuota.read(body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void eachBucketIsAWindowNamedAfterItsModelWithTheUsedShareAndTheReset() {
    QuotaSnapshot quota =
        read("""
        {"buckets":[
          {"remainingAmount":"700","remainingFraction":0.7,
           "resetTime":"2026-12-05T00:00:00Z","tokenType":"REQUESTS",
           "modelId":"gemini-2.5-pro"},
          {"remainingFraction":0.123456,"resetTime":"2026-12-05T00:00:00.5Z",
           "tokenType":"INPUT_TOKENS","modelId":"gemini-2.5-flash"}]}
        """)
            .orElseThrow();
    assertThat(quota.observedAt()).isEqualTo(NOW);
    assertThat(quota.plan()).isEmpty();
    assertThat(quota.windows())
        .containsExactly(
            new QuotaSnapshot.Window(
                "gemini-2.5-pro",
                Optional.of(30.0),
                Optional.empty(),
                Optional.of(Instant.parse("2026-12-05T00:00:00Z")),
                Optional.empty()),
            new QuotaSnapshot.Window(
                "gemini-2.5-flash (input_tokens)",
                Optional.of(87.7),
                Optional.empty(),
                Optional.of(Instant.parse("2026-12-05T00:00:00.500Z")),
                Optional.empty()));
  }

  @Test
  void bucketsWithoutAModelOrAShareAreSkippedAndAnUnreadableResetIsLeftOut() {
    QuotaSnapshot quota =
        read("""
        {"buckets":[{"remainingFraction":0.5},{"modelId":"m"},
          {"modelId":"m2","remainingFraction":"0.5"},
          {"modelId":"m3","remainingFraction":1,"resetTime":"tomorrow"}]}
        """)
            .orElseThrow();
    assertThat(quota.windows()).hasSize(1);
    assertThat(quota.windows().get(0).name()).isEqualTo("m3");
    assertThat(quota.windows().get(0).usedPercent()).contains(0.0);
    assertThat(quota.windows().get(0).resetsAt()).isEmpty();
  }

  @Test
  void aNewAccountsEmptyAnswerIsAQuotaWithNoWindows() {
    assertThat(read("{\"buckets\":[]}").orElseThrow().windows()).isEmpty();
  }

  @Test
  void somethingElseIsNotAQuota() {
    assertThat(read("not json")).isEmpty();
    assertThat(read("{}")).isEmpty();
    assertThat(read("[]")).isEmpty();
    assertThat(read("")).isEmpty();
    assertThat(read("{\"buckets\":{}}")).isEmpty();
  }

  @Test
  void theQuestionNamesTheProject() {
    assertThat(new String(CodeAssistQuota.request("proj \"x\""), StandardCharsets.UTF_8))
        .isEqualTo("{\"project\":\"proj \\\"x\\\"\"}");
  }
}
