package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.provider.UpstreamHeaders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaudeQuotaTest {
  private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

  @Test
  void theUnifiedWindowsAreReadAsPercentWithResetAndStatus() {
    QuotaSnapshot quota =
        ClaudeQuota.read(
                UpstreamHeaders.of(
                    "anthropic-ratelimit-unified-status", "allowed_warning",
                    "anthropic-ratelimit-unified-reset", "1796356800",
                    "anthropic-ratelimit-unified-5h-utilization", "0.25",
                    "anthropic-ratelimit-unified-5h-reset", "1796356800",
                    "anthropic-ratelimit-unified-5h-status", "allowed",
                    "Anthropic-Ratelimit-Unified-7d-Utilization", "0.9",
                    "anthropic-ratelimit-unified-7d-status", "allowed_warning",
                    "anthropic-ratelimit-unified-representative-claim", "five_hour",
                    "anthropic-ratelimit-requests-remaining", "10"),
                NOW)
            .orElseThrow();

    assertThat(quota.windows())
        .extracting(QuotaSnapshot.Window::name)
        .containsExactly("unified", "5h", "7d");
    QuotaSnapshot.Window unified = quota.windows().get(0);
    assertThat(unified.status()).contains("allowed_warning");
    assertThat(unified.resetsAt()).contains(Instant.ofEpochSecond(1796356800L));
    QuotaSnapshot.Window fiveHours = quota.windows().get(1);
    assertThat(fiveHours.usedPercent()).contains(25.0);
    assertThat(fiveHours.status()).contains("allowed");
    assertThat(quota.windows().get(2).usedPercent().orElseThrow())
        .isCloseTo(90.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void apiKeyRateLimitHeadersAreNoSubscriptionQuota() {
    assertThat(
            ClaudeQuota.read(
                UpstreamHeaders.of(
                    "anthropic-ratelimit-requests-remaining", "10",
                    "anthropic-ratelimit-tokens-reset", "2026-12-04T03:00:00Z"),
                NOW))
        .isEmpty();
  }
}
