package dev.cliproxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialPoolTest {
  private final MutableClock clock = new MutableClock();
  private final CredentialPool pool = new CredentialPool(clock);
  private final Credential a = credential("a");
  private final Credential b = credential("b");
  private final List<Credential> both = List.of(a, b);

  private static Credential credential(String id) {
    return new Credential(id, "p", id, "secret-" + id, Optional.empty());
  }

  private Credential pick(Set<String> tried) {
    return ((CredentialPool.Pick.Use) pool.pick("p", "m", both, tried)).credential();
  }

  @Test
  void roundRobinsPerModel() {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      picked.add(pick(Set.of()).id());
    }
    assertThat(picked).containsExactly("a", "b", "a", "b");
  }

  @Test
  void skipsTriedCredentials() {
    assertThat(pick(Set.of("a")).id()).isEqualTo("b");
    assertThat(pool.pick("p", "m", both, Set.of("a", "b")))
        .isInstanceOf(CredentialPool.Pick.Exhausted.class);
  }

  @Test
  void aRestingCredentialIsSkippedUntilItsRetryAfterPasses() {
    pool.failed(a, "m", 429, Optional.of(Duration.ofSeconds(30)));

    assertThat(pick(Set.of()).id()).isEqualTo("b");
    assertThat(pick(Set.of()).id()).isEqualTo("b");
    clock.advance(Duration.ofSeconds(31));
    assertThat(List.of(pick(Set.of()).id(), pick(Set.of()).id())).contains("a");
  }

  @Test
  void restsArePerModel() {
    pool.failed(a, "m", 401, Optional.empty());

    assertThat(pool.restRemaining(a, "m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(pool.restRemaining(a, "other")).isZero();
  }

  @Test
  void whenAllRestTheSoonestIsReported() {
    pool.failed(a, "m", 429, Optional.of(Duration.ofSeconds(90)));
    pool.failed(b, "m", 503, Optional.empty());

    assertThat(pool.pick("p", "m", both, Set.of()))
        .isEqualTo(new CredentialPool.Pick.AllResting(Duration.ofMinutes(1)));
  }

  @Test
  void consecutive429sWithoutHintBackOffExponentiallyAndSuccessResets() {
    assertThat(pool.failed(a, "m", 429, Optional.empty())).hasValue(Duration.ofSeconds(1));
    assertThat(pool.failed(a, "m", 429, Optional.empty())).hasValue(Duration.ofSeconds(2));
    assertThat(pool.failed(a, "m", 429, Optional.empty())).hasValue(Duration.ofSeconds(4));
    pool.succeeded(a, "m");
    assertThat(pool.restRemaining(a, "m")).isZero();
    assertThat(pool.failed(a, "m", 429, Optional.empty())).hasValue(Duration.ofSeconds(1));
  }

  @Test
  void cooldownTableFollowsCliProxyApi() {
    assertThat(CooldownPolicy.after(401, Optional.empty(), 0)).hasValue(Duration.ofMinutes(30));
    assertThat(CooldownPolicy.after(403, Optional.empty(), 0)).hasValue(Duration.ofMinutes(30));
    assertThat(CooldownPolicy.after(500, Optional.empty(), 0)).hasValue(Duration.ofMinutes(1));
    assertThat(CooldownPolicy.after(503, Optional.of(Duration.ofSeconds(7)), 0))
        .hasValue(Duration.ofSeconds(7));
    assertThat(CooldownPolicy.after(400, Optional.of(Duration.ofSeconds(7)), 0)).isEmpty();
    assertThat(CooldownPolicy.after(429, Optional.empty(), 40)).hasValue(Duration.ofMinutes(30));
    assertThat(CooldownPolicy.isCredentialFailure(404)).isFalse();
    assertThat(CooldownPolicy.isCredentialFailure(0)).isTrue();
  }

  @Test
  void forgetsCredentialsThatAreGone() {
    pool.failed(a, "m", 401, Optional.empty());
    pool.retainOnly(Set.of("b"));
    assertThat(pool.restRemaining(a, "m")).isZero();
  }

  @Test
  void aGuessedRestIsProbedOncePerIntervalWhenNothingElseIsReadyAndASuccessLiftsIt() {
    pool.failed(a, "m", 403, Optional.empty());
    pool.failed(b, "m", 403, Optional.empty());
    assertThat(pool.pick("p", "m", both, Set.of()))
        .isInstanceOf(CredentialPool.Pick.AllResting.class);

    clock.advance(CredentialPool.DEFAULT_PROBE_INTERVAL);
    CredentialPool.Pick probe = pool.pick("p", "m", both, Set.of());
    CredentialPool.Pick concurrent = pool.pick("p", "m", both, Set.of());

    assertThat(probe).isInstanceOf(CredentialPool.Pick.Use.class);
    Credential probed = ((CredentialPool.Pick.Use) probe).credential();
    Credential other = probed == a ? b : a;
    assertThat(concurrent)
        .as("the other resting credential may be probed too, never the same one twice")
        .isEqualTo(new CredentialPool.Pick.Use(other));
    assertThat(pool.pick("p", "m", both, Set.of()))
        .isInstanceOf(CredentialPool.Pick.AllResting.class);

    pool.succeeded(probed, "m");
    assertThat(pool.restRemaining(probed, "m")).isZero();
    assertThat(pool.restRemaining(other, "m")).isPositive();
  }

  @Test
  void aRestTheUpstreamTimedIsNeverProbedEarly() {
    pool.failed(a, "m", 429, Optional.of(Duration.ofHours(2)));
    clock.advance(Duration.ofMinutes(30));
    assertThat(pool.pick("p", "m", List.of(a), Set.of()))
        .isInstanceOf(CredentialPool.Pick.AllResting.class);
  }

  @Test
  void aProbeIsNotSentWhileAnotherCredentialIsReady() {
    pool.failed(a, "m", 403, Optional.empty());
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < 4; i++) {
      assertThat(pool.pick("p", "m", both, Set.of())).isEqualTo(new CredentialPool.Pick.Use(b));
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
