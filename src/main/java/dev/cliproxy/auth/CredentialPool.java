package dev.cliproxy.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every piece of routing state about credentials: round-robin cursors per (provider, model) and per
 * model across providers, rests after failures, credentials benched for good, the latest error and
 * the requests in flight. State is keyed by credential id, so it survives config reloads that keep
 * a credential.
 *
 * <p>A rest whose length was guessed (no reset hint from the upstream) may end early: when every
 * candidate rests, one request at a time, at most once per {@link #DEFAULT_PROBE_INTERVAL}, is let
 * through to such a credential as a probe; if it succeeds the rest is lifted.
 */
public final class CredentialPool {
  private static final Logger log = LoggerFactory.getLogger(CredentialPool.class);

  /** How often a credential resting on a guess is probed while nothing else is ready. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(60);

  private final Clock clock;
  private final Duration probeInterval;
  private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Rest> rests = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> disabled = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CredentialStatus.LastError> lastErrors =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, QuotaSnapshot> quotas = new ConcurrentHashMap<>();
  private volatile List<Credential> tracked = List.of();

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

  /**
   * An upstream failure to record.
   *
   * @param status the upstream's HTTP status, 0 for a connection failure
   * @param hint how long the upstream said to rest, if it did
   * @param permanent whether the upstream said the credential cannot work until it changes
   * @param reason a short description for status pages (never a secret)
   */
  public record Failure(int status, Optional<Duration> hint, boolean permanent, String reason) {}

  /** The outcome of asking for a credential. */
  public sealed interface Pick {
    /** A credential to use now. */
    record Use(Credential credential) implements Pick {}

    /** Every untried credential is resting; the soonest is free after {@code soonest}. */
    record AllResting(Duration soonest) implements Pick {}

    /** Every credential was tried already, is disabled, needs a login (or there are none). */
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
   * accounts that need a login, disabled credentials, and resting ones.
   */
  public Pick pick(String provider, String model, List<Credential> candidates, Set<String> tried) {
    Instant now = clock.instant();
    List<Credential> ready = new ArrayList<>(candidates.size());
    Duration soonest = null;
    for (Credential c : candidates) {
      if (tried.contains(c.id()) || !pickable(c)) {
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
    int index = Math.floorMod(cursor(provider + "\0" + model).getAndIncrement(), ready.size());
    return new Pick.Use(ready.get(index));
  }

  /**
   * The options starting at a per-model offset that advances with every request, so the providers
   * serving one model share its load.
   */
  public <T> List<T> rotate(String model, List<T> options) {
    if (options.size() < 2) {
      return options;
    }
    int start = Math.floorMod(cursor("\0routes\0" + model).getAndIncrement(), options.size());
    List<T> rotated = new ArrayList<>(options.size());
    for (int i = 0; i < options.size(); i++) {
      rotated.add(options.get((start + i) % options.size()));
    }
    return rotated;
  }

  /**
   * The shortest remaining rest among these credentials for a model, when every one that could be
   * picked rests; empty when one is ready now (or none could be picked at all).
   */
  public Optional<Duration> soonestRest(Collection<Credential> credentials, String model) {
    Duration soonest = null;
    for (Credential c : credentials) {
      if (!pickable(c)) {
        continue;
      }
      Duration left = restRemaining(c, model);
      if (left.isZero()) {
        return Optional.empty();
      }
      soonest = soonest == null || left.compareTo(soonest) < 0 ? left : soonest;
    }
    return Optional.ofNullable(soonest);
  }

  /**
   * A resting credential due for a probe, claimed atomically so concurrent requests do not all
   * probe it.
   */
  private Optional<Credential> probe(
      List<Credential> candidates, Set<String> tried, String model, Instant now) {
    for (Credential c : candidates) {
      if (tried.contains(c.id()) || !pickable(c)) {
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
    return failed(credential, model, new Failure(status, retryAfter, false, "HTTP " + status));
  }

  /**
   * Records a failure: a permanent one disables the credential for every model until it changes (or
   * {@link #liftDisabled()}); any other rests it for this model as {@link CooldownPolicy} says.
   *
   * @return how long it rests for this model, if at all (empty for a disabled one)
   */
  public Optional<Duration> failed(Credential credential, String model, Failure failure) {
    Instant now = clock.instant();
    lastErrors.put(
        credential.id(), new CredentialStatus.LastError(now, failure.status(), failure.reason()));
    if (failure.permanent()) {
      if (disabled.put(credential.id(), failure.reason()) == null) {
        log.warn(
            "{} ({}) is disabled until config.yaml changes: {}",
            credential.label(),
            credential.provider(),
            failure.reason());
      }
      return Optional.empty();
    }
    String key = key(credential.id(), model);
    Rest previous = rests.get(key);
    int streak = previous != null && previous.status() == 429 ? previous.consecutive429() : 0;
    int status = failure.status();
    Optional<Duration> rest = CooldownPolicy.after(status, failure.hint(), streak);
    boolean hinted = failure.hint().isPresent() && CooldownPolicy.isCredentialFailure(status);
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

  /** Why the credential is disabled, if it is. */
  public Optional<String> disabledWhy(Credential credential) {
    return Optional.ofNullable(disabled.get(credential.id()));
  }

  /** Gives every disabled credential another chance (after the config was edited). */
  public void liftDisabled() {
    disabled.clear();
  }

  /** Notes a request starting to use a credential; pair with {@link #finished}. */
  public void started(Credential credential) {
    inFlight.computeIfAbsent(credential.id(), k -> new AtomicInteger()).incrementAndGet();
  }

  /** Notes a request done with a credential. */
  public void finished(Credential credential) {
    AtomicInteger count = inFlight.get(credential.id());
    if (count != null) {
      count.decrementAndGet();
    }
  }

  /**
   * Makes the pool's credentials these (after a config or auth-dir change): state of credentials
   * that are gone is forgotten, so the maps do not grow across reloads.
   */
  public void track(Collection<Credential> live) {
    Map<String, Credential> byId = new LinkedHashMap<>();
    live.forEach(c -> byId.putIfAbsent(c.id(), c));
    tracked = List.copyOf(byId.values());
    retainOnly(byId.keySet());
  }

  /** Forgets state of credentials that are gone. */
  public void retainOnly(Set<String> liveIds) {
    rests.keySet().removeIf(k -> !liveIds.contains(k.substring(0, k.indexOf('\0'))));
    disabled.keySet().retainAll(liveIds);
    lastErrors.keySet().retainAll(liveIds);
    quotas.keySet().retainAll(liveIds);
    inFlight.entrySet().removeIf(e -> !liveIds.contains(e.getKey()) && e.getValue().get() <= 0);
  }

  /** The state of every tracked credential, in the order they were tracked. */
  public List<CredentialStatus> status() {
    Instant now = clock.instant();
    Map<String, List<CredentialStatus.ModelRest>> restsById =
        rests.entrySet().stream()
            .filter(e -> e.getValue().until().isAfter(now))
            .collect(
                Collectors.groupingBy(
                    e -> e.getKey().substring(0, e.getKey().indexOf('\0')),
                    Collectors.mapping(
                        e ->
                            new CredentialStatus.ModelRest(
                                e.getKey().substring(e.getKey().indexOf('\0') + 1),
                                e.getValue().until(),
                                e.getValue().status(),
                                e.getValue().hinted()),
                        Collectors.toList())));
    List<CredentialStatus> out = new ArrayList<>(tracked.size());
    for (Credential c : tracked) {
      List<CredentialStatus.ModelRest> resting =
          new ArrayList<>(restsById.getOrDefault(c.id(), List.of()));
      resting.sort(Comparator.comparing(CredentialStatus.ModelRest::model));
      String why = disabled.getOrDefault(c.id(), "");
      CredentialStatus.State state =
          !c.usable()
              ? CredentialStatus.State.NEEDS_LOGIN
              : disabled.containsKey(c.id())
                  ? CredentialStatus.State.DISABLED
                  : resting.isEmpty()
                      ? CredentialStatus.State.READY
                      : CredentialStatus.State.RESTING;
      AtomicInteger flying = inFlight.get(c.id());
      out.add(
          new CredentialStatus(
              c.id(),
              c.provider(),
              c.label(),
              state,
              why,
              resting,
              Optional.ofNullable(lastErrors.get(c.id())),
              flying == null ? 0 : Math.max(0, flying.get()),
              Optional.ofNullable(quotas.get(c.id()))));
    }
    return out;
  }

  /** Keeps what an upstream just said about a credential's allowance, replacing the last word. */
  public void observedQuota(Credential credential, QuotaSnapshot quota) {
    quotas.put(credential.id(), quota);
  }

  private boolean pickable(Credential c) {
    return c.usable() && !disabled.containsKey(c.id());
  }

  private AtomicInteger cursor(String key) {
    return cursors.computeIfAbsent(key, k -> new AtomicInteger());
  }

  private static String key(String id, String model) {
    return id + "\0" + model;
  }
}
