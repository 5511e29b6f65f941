package dev.cliproxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tries counted per auth index, in the reference's twenty ten-minute buckets. */
class CredentialTallyTest {
  private Instant now = Instant.parse("2026-12-04T15:04:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  private final CredentialTally tally = new CredentialTally(clock);

  /** A try of {@code credential}; the projects of file a.json share its index. */
  private static GatewayEvent.Attempted tried(String credential, int status, String reason) {
    return new GatewayEvent.Attempted(
        1,
        1,
        credential,
        credential.startsWith("a.json") ? "idx-a" : "idx-" + credential,
        "codex",
        "m",
        false,
        status,
        Optional.empty(),
        Duration.ZERO,
        Optional.empty(),
        reason);
  }

  @Test
  void successesAndFailuresAddUpPerIndexAndHangUpsDoNotCount() {
    tally.on(tried("a.json", 200, ""));
    tally.on(tried("a.json::p2", 200, ""));
    tally.on(tried("a.json", 429, "rate limited"));
    tally.on(tried("a.json", 0, "connection refused"));
    tally.on(tried("a.json", 200, GatewayEvent.Attempted.CLIENT_LEFT));
    tally.on(tried("other.json", 200, ""));

    CredentialTally.Tally a = tally.of("idx-a");
    assertThat(a.success()).isEqualTo(2);
    assertThat(a.failed()).isEqualTo(2);
    assertThat(a.recent()).hasSize(20);
    assertThat(a.recent().get(19)).isEqualTo(new CredentialTally.Bucket("15:00-15:10", 2, 2));
    assertThat(a.recent().get(0).time()).isEqualTo("11:50-12:00");
    assertThat(tally.of("nobody").success()).isZero();
    assertThat(tally.of("nobody").recent()).hasSize(20);
  }

  @Test
  void bucketsMoveOnWithTheClockAndOldOnesFallOff() {
    tally.on(tried("a.json", 200, ""));
    now = now.plus(Duration.ofMinutes(10));
    tally.on(tried("a.json", 500, "boom"));

    CredentialTally.Tally later = tally.of("idx-a");
    assertThat(later.recent().get(18)).isEqualTo(new CredentialTally.Bucket("15:00-15:10", 1, 0));
    assertThat(later.recent().get(19)).isEqualTo(new CredentialTally.Bucket("15:10-15:20", 0, 1));

    now = now.plus(Duration.ofMinutes(200));
    tally.on(tried("a.json", 200, ""));
    CredentialTally.Tally much = tally.of("idx-a");
    assertThat(much.recent().stream().mapToLong(CredentialTally.Bucket::success).sum())
        .as("both earlier buckets are out of the window")
        .isEqualTo(1);
    assertThat(much.success()).as("totals are since start").isEqualTo(2);
    assertThat(much.failed()).isEqualTo(1);
  }
}
