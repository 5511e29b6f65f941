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
 */
public final class CredentialPool {
  private final Clock clock;
  private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Rest> rests = new ConcurrentHashMap<>();

  /** A credential resting for one model until a time, and its 429 streak. */
  private record Rest(Instant until, int consecutive429, int status) {}

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
    this.clock = clock;
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
      return soonest == null ? new Pick.Exhausted() : new Pick.AllResting(soonest);
    }
    AtomicInteger cursor =
        cursors.computeIfAbsent(provider + "\0" + model, k -> new AtomicInteger());
    int index = Math.floorMod(cursor.getAndIncrement(), ready.size());
    return new Pick.Use(ready.get(index));
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
    rest.ifPresent(d ->
        rests.put(key, new Rest(clock.instant().plus(d), status == 429 ? streak + 1 : 0, status)));
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
