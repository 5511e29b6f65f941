package dev.cliproxy.keypolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.config.ClientKeyPolicy.Limits;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyCounterTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private static Limits limits(long rpm, long tpm, long concurrent, long monthlyTokens) {
    return new Limits(rpm, 0, tpm, 0, concurrent, monthlyTokens, 0);
  }

  @Test
  void requestsPerMinuteSlideAndSayWhenTheOldestLeavesTheWindow() {
    KeyCounter counter = new KeyCounter(T0);
    Limits two = limits(2, 0, 0, 0);

    assertThat(counter.admit(two, T0)).isEmpty();
    assertThat(counter.admit(two, T0.plusSeconds(10))).isEmpty();
    var reached = counter.admit(two, T0.plusSeconds(20));

    assertThat(reached)
        .get()
        .extracting(KeyCounter.LimitReached::limit)
        .isEqualTo("requests-per-minute");
    assertThat(reached.get().frees()).isEqualTo(T0.plusSeconds(60));
    assertThat(counter.admit(two, T0.plusSeconds(60))).as("the first has left").isEmpty();
    assertThat(counter.admit(two, T0.plusSeconds(61))).isPresent();
  }

  @Test
  void tokensPerMinuteFreeWhenEnoughTokensHaveLeft() {
    KeyCounter counter = new KeyCounter(T0);
    Limits hundred = limits(0, 100, 0, 0);

    counter.admit(hundred, T0);
    counter.finished(60, 0, T0.plusSeconds(1));
    counter.admit(hundred, T0.plusSeconds(5));
    counter.finished(50, 0, T0.plusSeconds(6));
    var reached = counter.admit(hundred, T0.plusSeconds(7));

    assertThat(reached)
        .get()
        .extracting(KeyCounter.LimitReached::limit)
        .isEqualTo("tokens-per-minute");
    assertThat(reached.get().frees())
        .as("when the first 60 tokens leave")
        .isEqualTo(T0.plusSeconds(61));
  }

  @Test
  void concurrencyCountsRequestsUntilTheyFinish() {
    KeyCounter counter = new KeyCounter(T0);
    Limits one = limits(0, 0, 1, 0);

    assertThat(counter.admit(one, T0)).isEmpty();
    assertThat(counter.admit(one, T0))
        .get()
        .extracting(KeyCounter.LimitReached::limit)
        .isEqualTo("concurrent-requests");
    counter.finished(0, 0, T0);
    assertThat(counter.admit(one, T0)).isEmpty();
    assertThat(counter.counts(T0).inFlight()).isEqualTo(1);
  }

  @Test
  void dayAndMonthCountsStartAgainWithTheUtcDayAndMonth() {
    KeyCounter counter = new KeyCounter(Instant.parse("2026-12-31T23:59:00Z"));
    Limits budget = limits(0, 0, 0, 10);
    counter.seedMonth(true, 3, 10, 0.5);

    var reached = counter.admit(budget, Instant.parse("2026-12-31T23:59:30Z"));

    assertThat(reached)
        .get()
        .extracting(KeyCounter.LimitReached::frees)
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(counter.counts(Instant.parse("2026-12-31T23:59:30Z")).dayRequests()).isEqualTo(3);
    assertThat(counter.admit(budget, Instant.parse("2027-01-01T00:00:01Z"))).isEmpty();
    var counts = counter.counts(Instant.parse("2027-01-01T00:00:02Z"));
    assertThat(counts.monthTokens()).isZero();
    assertThat(counts.monthCostUsd()).isZero();
    assertThat(counts.dayRequests()).isEqualTo(1);
  }
}
