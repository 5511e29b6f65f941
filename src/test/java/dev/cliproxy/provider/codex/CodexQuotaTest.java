package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.provider.UpstreamHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexQuotaTest {
  private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

  @Test
  void bothWindowsWithPercentLengthAndResetAreRead() {
    QuotaSnapshot quota =
        CodexQuota.read(
                UpstreamHeaders.of(
                    "X-Codex-Primary-Used-Percent", "42.5",
                    "x-codex-primary-window-minutes", "300",
                    "x-codex-primary-reset-at", "1796356800",
                    "x-codex-secondary-used-percent", "84",
                    "x-codex-secondary-window-minutes", "10080",
                    "x-codex-secondary-reset-after-seconds", "3600",
                    "x-codex-plan-type", "pro"),
                NOW)
            .orElseThrow();

    assertThat(quota.plan()).contains("pro");
    assertThat(quota.observedAt()).isEqualTo(NOW);
    QuotaSnapshot.Window primary = quota.windows().get(0);
    assertThat(primary.name()).isEqualTo("primary");
    assertThat(primary.usedPercent()).contains(42.5);
    assertThat(primary.length()).contains(Duration.ofHours(5));
    assertThat(primary.resetsAt()).contains(Instant.ofEpochSecond(1796356800L));
    QuotaSnapshot.Window secondary = quota.windows().get(1);
    assertThat(secondary.length()).contains(Duration.ofDays(7));
    assertThat(secondary.resetsAt()).contains(NOW.plusSeconds(3600));
  }

  @Test
  void resetAtWinsOverTheOlderCountdown() {
    QuotaSnapshot quota =
        CodexQuota.read(
                UpstreamHeaders.of(
                    "x-codex-primary-used-percent", "1",
                    "x-codex-primary-reset-at", "1796356800",
                    "x-codex-primary-reset-after-seconds", "60"),
                NOW)
            .orElseThrow();

    assertThat(quota.windows()).hasSize(1);
    assertThat(quota.windows().get(0).resetsAt()).contains(Instant.ofEpochSecond(1796356800L));
  }

  @Test
  void answersWithoutUsageHeadersOrWithGarbageSayNothing() {
    assertThat(CodexQuota.read(UpstreamHeaders.of("content-type", "text/event-stream"), NOW))
        .isEmpty();
    assertThat(CodexQuota.read(UpstreamHeaders.of("x-codex-primary-used-percent", "lots"), NOW))
        .isEmpty();
    assertThat(
            CodexQuota.read(
                    UpstreamHeaders.of(
                        "x-codex-primary-used-percent", "5",
                        "x-codex-primary-window-minutes", "-3",
                        "x-codex-primary-reset-at", "soon"),
                    NOW)
                .orElseThrow()
                .windows()
                .get(0))
        .isEqualTo(
            new QuotaSnapshot.Window(
                "primary", Optional.of(5.0), Optional.empty(), Optional.empty(), Optional.empty()));
  }
}
