package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: old records go at start and on schedule, by the running config's days. */
class UsageLedgerTest {
  @TempDir Path dir;
  private final MovableClock clock = new MovableClock();
  private final AtomicReference<UsageSettings> settings =
      new AtomicReference<>(new UsageSettings(true, true, Optional.empty(), 90));

  private Path file() {
    return dir.resolve("usage.sqlite");
  }

  private UsageLedger open() throws Exception {
    return UsageLedger.open(
        file(), settings::get, clock, ZoneOffset.UTC, UsageLedger.Limits.STANDARD);
  }

  private void seed(Instant... times) throws Exception {
    try (UsageStore store = UsageStore.open(file())) {
      for (Instant at : times) {
        store.insert(List.of(Records.served(at, "c", "m", "x", new Usage(1, 0, 0, 1, 0))));
      }
    }
  }

  private long count() throws Exception {
    try (UsageStore store = UsageStore.open(file())) {
      return store.count();
    }
  }

  @Test
  void recordsPastTheRetentionAreDeletedAtStartThenAsTheDaysPass() throws Exception {
    Instant now = clock.instant();
    seed(now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(10)), now);

    try (UsageLedger ledger = open()) {
      assertThat(count()).as("the 100-day-old record went at start").isEqualTo(2);

      clock.advance(Duration.ofDays(85));
      assertThat(ledger.applyRetention()).isEqualTo(1);
      assertThat(count()).isEqualTo(1);

      settings.set(new UsageSettings(true, true, Optional.empty(), 1));
      assertThat(ledger.applyRetention()).as("a shorter retention applies at once").isEqualTo(1);
      assertThat(count()).isZero();
    }
  }

  @Test
  void zeroDaysKeepsEverything() throws Exception {
    settings.set(new UsageSettings(true, true, Optional.empty(), 0));
    Instant now = clock.instant();
    seed(now.minus(Duration.ofDays(4000)), now);

    try (UsageLedger ledger = open()) {
      clock.advance(Duration.ofDays(365));
      assertThat(ledger.applyRetention()).isZero();
      assertThat(count()).isEqualTo(2);
    }
  }

  @Test
  void closingWritesWhatTheRecorderHandedOver() throws Exception {
    UsageLedger ledger = open();
    ledger
        .recorder()
        .on(
            new GatewayEvent.Accepted(
                1,
                clock.instant(),
                ClientApi.OPENAI_CHAT,
                "/v1/chat/completions",
                Optional.of("m"),
                false,
                Optional.empty()));
    ledger
        .recorder()
        .on(
            new GatewayEvent.Delivered(
                1,
                "x",
                "up",
                "m",
                200,
                false,
                true,
                Optional.of(new Usage(1, 0, 0, 1, 0)),
                Duration.ZERO));
    ledger.close();

    assertThat(count()).isEqualTo(1);
  }

  @Test
  void whileRecordingIsOffTheRecorderKeepsNothing() throws Exception {
    settings.set(new UsageSettings(true, false, Optional.empty(), 90));
    try (UsageLedger ledger = open()) {
      assertThat(ledger.status().recording()).isFalse();
      ledger
          .recorder()
          .on(
              new GatewayEvent.Accepted(
                  1,
                  clock.instant(),
                  ClientApi.OPENAI_CHAT,
                  "/v1/chat/completions",
                  Optional.of("m"),
                  false,
                  Optional.empty()));
      ledger
          .recorder()
          .on(
              new GatewayEvent.Delivered(
                  1, "x", "up", "m", 200, false, true, Optional.empty(), Duration.ZERO));
      ledger.flush();
      assertThat(ledger.status().written()).isZero();
    }
    assertThat(count()).isZero();
  }
}
