package dev.cliproxy.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out credentials round robin per (provider, model), skipping those resting after a failure.
 * Its state (cursors, rests) is keyed by credential id, so it survives config reloads that keep a
 * credential.
 *
 * <p>A rest whose length was guessed (no reset hint from the upstream) may end early: when every
 * candidate rests, one request at a time, at most once per {@link #DEFAULT_PROBE_INTERVAL}, is let
 * through to such a credential as a probe; if it succeeds the rest is lifted.
 */
public final class CredentialPool {
  /** How often a credential resting on a guess is probed while nothing else is ready. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(60);

  private final Clock clock;
  private final Duration probeInterval;
  private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Rest> rests = new ConcurrentHashMap<>();

  /**
   * A credential resting for one model until a time.
   *
   * @param consecutive429 its 429 streak
   * @param status the status that started the rest (0 for a connection failure)
   * @param hinted whether the upstream said how long (then it is never probed early)
   * @param lastTry when it started resting or was last probed
   */
  private record Rest(
      Instant until, int consecutive429, int status, boolean hinted, Instant lastTry) {
    Rest probed(Instant now) {
      return new Rest(until, consecutive429, status, hinted, now);
    }
  }

  /** The outcome of asking for a credential. */
  public sealed interface Pick {
    /** A credential to use now. */
    record Use(Credential credential) implements Pick {}

    /** Every untried credential is resting; the soonest is free after {@code soonest}. */
    record AllResting(Duration soonest) implements Pick {}

    /** Every credential was tried already (or there are none). */
    record Exhausted() implements Pick {}
  }

  public CredentialPool(Clock clock) {
    this(clock, DEFAULT_PROBE_INTERVAL);
  }

  public CredentialPool(Clock clock, Duration probeInterval) {
    this.clock = clock;
    this.probeInterval = probeInterval;
  }

  /**
   * The next credential for a model among {@code candidates}, skipping ids in {@code tried},
   * accounts that need a login, and resting ones.
   */
  public Pick pick(String provider, String model, List<Credential> candidates, Set<String> tried) {
    Instant now = clock.instant();
    List<Credential> ready = new ArrayList<>(candidates.size());
    Duration soonest = null;
    for (Credential c : candidates) {
      if (tried.contains(c.id()) || !c.usable()) {
        continue;
      }
      Rest rest = rests.get(key(c.id(), model));
      if (rest == null || !rest.until().isAfter(now)) {
        ready.add(c);
      } else {
        Duration wait = Duration.between(now, rest.until());
        soonest = soonest == null || wait.compareTo(soonest) < 0 ? wait : soonest;
      }
    }
    if (ready.isEmpty()) {
      if (soonest == null) {
        return new Pick.Exhausted();
      }
      return probe(candidates, tried, model, now)
          .<Pick>map(Pick.Use::new)
          .orElse(new Pick.AllResting(soonest));
    }
    AtomicInteger cursor =
        cursors.computeIfAbsent(provider + "\0" + model, k -> new AtomicInteger());
    int index = Math.floorMod(cursor.getAndIncrement(), ready.size());
    return new Pick.Use(ready.get(index));
  }

  /**
   * A resting credential due for a probe, claimed atomically so concurrent requests do not all
   * probe it.
   */
  private Optional<Credential> probe(
      List<Credential> candidates, Set<String> tried, String model, Instant now) {
    for (Credential c : candidates) {
      if (tried.contains(c.id()) || !c.usable()) {
        continue;
      }
      String key = key(c.id(), model);
      Rest rest = rests.get(key);
      if (rest != null
          && !rest.hinted()
          && !rest.lastTry().plus(probeInterval).isAfter(now)
          && rests.replace(key, rest, rest.probed(now))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Records a success: the credential is ready for this model again and its 429 streak ends. */
  public void succeeded(Credential credential, String model) {
    rests.remove(key(credential.id(), model));
  }

  /**
   * Records a failure and rests the credential for this model as {@link CooldownPolicy} says.
   *
   * @param status upstream HTTP status, or 0 for a connection failure
   * @return how long it rests, if at all
   */
  public Optional<Duration> failed(
      Credential credential, String model, int status, Optional<Duration> retryAfter) {
    String key = key(credential.id(), model);
    Rest previous = rests.get(key);
    int streak = previous != null && previous.status() == 429 ? previous.consecutive429() : 0;
    Optional<Duration> rest = CooldownPolicy.after(status, retryAfter, streak);
    Instant now = clock.instant();
    boolean hinted = retryAfter.isPresent() && CooldownPolicy.isCredentialFailure(status);
    rest.ifPresent(d ->
        rests.put(key, new Rest(now.plus(d), status == 429 ? streak + 1 : 0, status, hinted, now)));
    return rest;
  }

  /** Time until the credential is ready for the model, zero when it is ready now. */
  public Duration restRemaining(Credential credential, String model) {
    Rest rest = rests.get(key(credential.id(), model));
    if (rest == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), rest.until());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Forgets state of credentials that are gone, so the maps do not grow across reloads. */
  public void retainOnly(Set<String> liveIds) {
    rests.keySet().removeIf(k -> !liveIds.contains(k.substring(0, k.indexOf('\0'))));
  }

  private static String key(String id, String model) {
    return id + "\0" + model;
  }
}
