package dev.cliproxy.keypolicy;

import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.config.ClientKeyPolicy;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ModelPrice;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.KeyGate;
import dev.cliproxy.gateway.ModelCatalog;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client keys' policies, enforced for the gateway: each request's key (by its fingerprint) is
 * held to its {@code api-keys} entry's allow-lists and credential groups ({@link KeyScope}) and
 * counted against its limits ({@link KeyCounter}). Counters live here for the life of the proxy,
 * across reloads; a key's counter starts from the usage records of this month ({@link
 * SpendHistory}), so limits and budgets survive a restart. Requests in flight are counted in memory
 * only.
 */
public final class KeyPolicies implements KeyGate {
  private final Clock clock;
  private final SpendHistory history;
  private final Map<String, KeyCounter> counters = new ConcurrentHashMap<>();
  private volatile Compiled compiled;

  /** The policies of one config, by key fingerprint, and its prices. */
  private record Compiled(
      Config config, Map<String, ClientKeyPolicy> byFingerprint, ModelPrices prices) {
    static Compiled of(Config config) {
      Map<String, ClientKeyPolicy> byFingerprint = new LinkedHashMap<>();
      for (ClientKeyPolicy policy : config.keyPolicies()) {
        byFingerprint.put(ClientKeys.fingerprintOf(policy.key()), policy);
      }
      return new Compiled(config, byFingerprint, ModelPrices.of(config));
    }
  }

  /**
   * One key as the management API shows it: its policy and its counts now.
   *
   * @param fingerprint the name the usage records and logs give the key
   * @param counts empty for a key held to no limit, which is not counted
   */
  public record KeyView(String fingerprint, ClientKeyPolicy policy, Optional<Counts> counts) {}

  /**
   * A key's counts, as {@link KeyView} shows them.
   *
   * @param minuteRequests requests admitted in the last 60 seconds
   * @param monthCostUsd priced by {@code model-prices} and the bundled table
   */
  public record Counts(
      long minuteRequests,
      long minuteTokens,
      long dayRequests,
      long dayTokens,
      long monthTokens,
      double monthCostUsd,
      long inFlight) {}

  /**
   * @param history where a key's counter starts from the first time it is needed
   */
  public KeyPolicies(Clock clock, SpendHistory history) {
    this.clock = clock;
    this.history = history;
  }

  @Override
  public Pass admit(
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RuntimeSnapshot snapshot) {
    Optional<Held> held = held(request, snapshot);
    if (held.isEmpty()) {
      return Pass.open(routes);
    }
    Held key = held.get();
    List<ModelCatalog.Route> scoped = KeyScope.routes(key.policy(), key.who(), model, routes);
    ClientKeyPolicy.Limits limits = key.policy().limits();
    if (limits.equals(ClientKeyPolicy.Limits.NONE)) {
      // a key held to no limit is not counted; should it get limits again, its counter starts
      // afresh from the records rather than from what it was when its limits were lifted
      counters.remove(key.fingerprint());
      return Pass.open(scoped);
    }
    Optional<ModelPrice> price = price(key.prices(), model, scoped);
    if (limits.monthlyCostUsd() > 0 && price.isEmpty()) {
      throw new ProxyError(
              403,
              ProxyError.Kind.PERMISSION,
              "model_not_priced",
              "Client key "
                  + key.who()
                  + " has a monthly cost budget, and the proxy knows no price for model '"
                  + model
                  + "'. Add it under model-prices in config.yaml.",
              Optional.empty())
          .toException();
    }
    KeyCounter counter = counter(key.fingerprint(), key.prices());
    Instant now = clock.instant();
    Optional<KeyCounter.LimitReached> reached = counter.admit(limits, now);
    if (reached.isPresent()) {
      throw limitReached(key.who(), reached.get(), now).toException();
    }
    AtomicBoolean done = new AtomicBoolean();
    return new Pass() {
      @Override
      public List<ModelCatalog.Route> routes() {
        return scoped;
      }

      @Override
      public void finished(Optional<Usage> usage) {
        if (done.compareAndSet(false, true)) {
          Usage used = usage.orElse(Usage.NONE);
          double cost = price.map(p -> ModelPrices.cost(p, used)).orElse(0d);
          counter.finished(used.totalTokens(), cost, clock.instant());
        }
      }
    };
  }

  @Override
  public boolean lists(Optional<String> clientKey, String model, RuntimeSnapshot snapshot) {
    Optional<Held> held = held(clientKey, snapshot);
    if (held.isEmpty()) {
      return true;
    }
    try {
      KeyScope.routes(
          held.get().policy(), held.get().who(), model, snapshot.catalog().resolve(model));
      return true;
    } catch (ProxyException refused) {
      return false;
    }
  }

  @Override
  public List<ModelCatalog.Route> scope(
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RuntimeSnapshot snapshot) {
    return held(request, snapshot)
        .map(key -> KeyScope.routes(key.policy(), key.who(), model, routes))
        .orElse(routes);
  }

  /** Every key of {@code config}, with its policy and, for a key with limits, its counts now. */
  public List<KeyView> view(Config config) {
    Compiled current = compiled(config);
    Instant now = clock.instant();
    List<KeyView> views = new ArrayList<>();
    for (Map.Entry<String, ClientKeyPolicy> key : current.byFingerprint().entrySet()) {
      Optional<Counts> counts = Optional.empty();
      if (!key.getValue().limits().equals(ClientKeyPolicy.Limits.NONE)) {
        KeyCounter.Counts c = counter(key.getKey(), current.prices()).counts(now);
        counts =
            Optional.of(
                new Counts(
                    c.minuteRequests(),
                    c.minuteTokens(),
                    c.dayRequests(),
                    c.dayTokens(),
                    c.monthTokens(),
                    c.monthCostUsd(),
                    c.inFlight()));
      }
      views.add(new KeyView(key.getKey(), key.getValue(), counts));
    }
    return views;
  }

  /** A request's key with a restricting policy, and what messages call it. */
  private record Held(String fingerprint, ClientKeyPolicy policy, String who, ModelPrices prices) {}

  private Optional<Held> held(ClientRequest request, RuntimeSnapshot snapshot) {
    return held(request.clientKey(), snapshot);
  }

  private Optional<Held> held(Optional<String> fingerprint, RuntimeSnapshot snapshot) {
    if (fingerprint.isEmpty()) {
      return Optional.empty();
    }
    Compiled current = compiled(snapshot.config());
    ClientKeyPolicy policy = current.byFingerprint().get(fingerprint.get());
    if (policy == null || !policy.restricted()) {
      return Optional.empty();
    }
    String who = policy.name().isEmpty() ? fingerprint.get() : "'" + policy.name() + "'";
    return Optional.of(new Held(fingerprint.get(), policy, who, current.prices()));
  }

  private Compiled compiled(Config config) {
    Compiled current = compiled;
    if (current == null || current.config() != config) {
      current = Compiled.of(config);
      compiled = current;
    }
    return current;
  }

  private KeyCounter counter(String fingerprint, ModelPrices prices) {
    return counters.computeIfAbsent(
        fingerprint, f -> history.counterFor(f, prices, clock.instant()));
  }

  /** The price of the model as asked, else as its first route sends it upstream. */
  private static Optional<ModelPrice> price(
      ModelPrices prices, String model, List<ModelCatalog.Route> routes) {
    return prices
        .of(model)
        .or(() -> routes.stream().findFirst().flatMap(r -> prices.of(r.upstreamModel())));
  }

  private static ProxyError limitReached(String who, KeyCounter.LimitReached reached, Instant now) {
    Duration wait = Duration.between(now, reached.frees());
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    boolean budget = reached.limit().startsWith("monthly-");
    return new ProxyError(
        429,
        ProxyError.Kind.RATE_LIMIT,
        budget ? "key_budget_exceeded" : "key_rate_limited",
        "Client key "
            + who
            + " has reached its limit of "
            + reached.detail()
            + " ("
            + reached.limit()
            + " in api-keys); it has room again in "
            + seconds
            + "s, at "
            + reached.frees().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + ".",
        Optional.of(Duration.ofSeconds(seconds)));
  }
}
