package dev.cliproxy.gateway;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.CooldownPolicy;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.refresh.TokenRecovery;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ProxyUrl;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request from accepted to answered: resolve the model, pick a credential, try it, fail over to
 * the next one while nothing has reached the client, and answer with the last failure when every
 * option is used up.
 */
public final class Gateway {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final int MAX_LISTED_MODELS = 40;

  private final AtomicReference<RuntimeSnapshot> current;
  private final CredentialPool pool;
  private final UpstreamClients clients;
  private final Codecs codecs;
  private final TokenRecovery recovery;
  private final Clock clock;
  private final ConcurrentHashMap<String, AtomicInteger> providerOffsets =
      new ConcurrentHashMap<>();

  public Gateway(
      RuntimeSnapshot initial,
      CredentialPool pool,
      UpstreamClients clients,
      Codecs codecs,
      TokenRecovery recovery,
      Clock clock) {
    this.current = new AtomicReference<>(initial);
    this.codecs = codecs;
    this.recovery = recovery;
    this.pool = pool;
    this.clients = clients;
    this.clock = clock;
  }

  /** The snapshot new requests use. */
  public RuntimeSnapshot snapshot() {
    return current.get();
  }

  /**
   * Switches new requests to a new snapshot (after a config or auth-dir change); requests in flight
   * keep the snapshot they started with.
   */
  public void install(RuntimeSnapshot next) {
    current.set(next);
    pool.retainOnly(
        next.providers().stream()
            .flatMap(p -> p.credentials().stream())
            .map(Credential::id)
            .collect(Collectors.toSet()));
  }

  /**
   * Answers one request through {@code sink}.
   *
   * @throws dev.cliproxy.dialect.ProxyException for failures to report before anything was sent
   */
  public void handle(ClientRequest request, ClientSink sink) {
    RuntimeSnapshot snapshot = current.get();
    String model = modelOf(request, snapshot);
    List<ModelCatalog.Route> routes = routesFor(model, snapshot);
    route(
        snapshot, request, model, routes, new RequestTranslation(request, codecs, context()), sink);
  }

  /**
   * Counts the prompt tokens of a request for a model this proxy serves: by the upstream's own
   * counting endpoint when its provider has one, else an estimate with OpenAI's o200k vocabulary.
   *
   * @throws dev.cliproxy.dialect.ProxyException when the model is missing or unknown, or the body
   *     is not a valid request
   */
  public long countTokens(ClientRequest request) {
    RuntimeSnapshot snapshot = current.get();
    String model = modelOf(request, snapshot);
    List<ModelCatalog.Route> routes = routesFor(model, snapshot);
    RequestTranslation translation = new RequestTranslation(request, codecs, context());
    return new UpstreamTokenCount(pool, clients, snapshot.config())
        .count(request, model, routes, translation)
        .orElseGet(() -> TokenEstimate.of(translation.canonicalRequest()));
  }

  private CodecContext context() {
    return new CodecContext(clock.instant().getEpochSecond(), RandomIds::next);
  }

  private static String modelOf(ClientRequest request, RuntimeSnapshot snapshot) {
    String model =
        request
            .model()
            .filter(m -> !m.isBlank())
            .orElseThrow(() ->
                ProxyError.invalidRequest(
                        "missing_model",
                        "The request has no 'model'. Set it to one of: "
                            + modelList(snapshot)
                            + ".")
                    .toException());
    request.trace().model(model);
    return model;
  }

  private static List<ModelCatalog.Route> routesFor(String model, RuntimeSnapshot snapshot) {
    List<ModelCatalog.Route> routes = snapshot.catalog().resolve(model);
    if (routes.isEmpty()) {
      throw new ProxyError(
              404,
              ProxyError.Kind.NOT_FOUND,
              "model_not_found",
              "The model '"
                  + model
                  + "' is not served by this proxy. Available models: "
                  + modelList(snapshot)
                  + ".",
              Optional.empty())
          .toException();
    }
    return routes;
  }

  private void route(
      RuntimeSnapshot snapshot,
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RequestTranslation translation,
      ClientSink sink) {
    Config config = snapshot.config();
    UpstreamFailure last = null;
    int rounds = config.requestRetry() + 1;
    for (int round = 0; round < rounds; round++) {
      Set<String> tried = new HashSet<>();
      Duration soonest = null;
      for (ModelCatalog.Route route : rotate(routes, model)) {
        while (true) {
          CredentialPool.Pick pick =
              pool.pick(route.provider().key(), model, route.credentials(), tried);
          if (pick instanceof CredentialPool.Pick.AllResting resting) {
            soonest =
                soonest == null || resting.soonest().compareTo(soonest) < 0
                    ? resting.soonest()
                    : soonest;
            break;
          }
          if (!(pick instanceof CredentialPool.Pick.Use use)) {
            break;
          }
          Credential credential = use.credential();
          tried.add(credential.id());
          request.trace().attempt(route.provider().key());
          log.debug(
              "attempt {}: {} -> {} as {} via {}",
              request.trace().attempts(),
              model,
              route.provider().key(),
              route.upstreamModel(),
              credential.label());
          UpstreamAttempt.Outcome outcome =
              attempt(config, request, route, credential, translation, sink);
          switch (outcome) {
            case UpstreamAttempt.Outcome.Delivered delivered -> {
              switch (delivered.upstream()) {
                case GOOD -> pool.succeeded(credential, model);
                case BROKEN -> pool.failed(credential, model, 0, Optional.empty());
                case UNKNOWN -> {}
              }
              return;
            }
            case UpstreamAttempt.Outcome.Failed failed -> {
              last = failed.failure();
              if (!CooldownPolicy.isCredentialFailure(last.status())) {
                UpstreamErrors.report(
                    last, route.provider().key(), sameDialect(request, route), sink);
                return;
              }
              Optional<Duration> rest =
                  pool.failed(credential, model, last.status(), last.retryAfter());
              log.warn(
                  "{} via {} failed: {}; resting it {} and trying the next option",
                  model,
                  credential.label(),
                  last.reason(),
                  rest.map(Duration::toString).orElse("not at all"));
              if (sink.hungUp()) {
                return;
              }
            }
          }
        }
      }
      Optional<Duration> wait = nextRoundWait(config, round, rounds, routes, model, soonest);
      if (wait.isEmpty()) {
        break;
      }
      try {
        Thread.sleep(wait.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (sink.hungUp()) {
        return;
      }
    }
    reportExhausted(request, last, routes, model, sink);
  }

  /**
   * One credential's try. When an OAuth account's token is refused with 401 and the account can be
   * refreshed (or already was, by a concurrent request), the same credential is tried once more.
   */
  private UpstreamAttempt.Outcome attempt(
      Config config,
      ClientRequest request,
      ModelCatalog.Route route,
      Credential credential,
      RequestTranslation translation,
      ClientSink sink) {
    RequestTranslation.Prepared body =
        new PayloadRules(config.payload())
            .applyTo(translation.forRoute(route), request.model().orElse(""), route);
    String token = credential.token();
    UpstreamAttempt.Outcome outcome = send(config, request, route, credential, body, sink);
    Optional<Account> account = credential.account();
    if (outcome instanceof UpstreamAttempt.Outcome.Failed failed
        && failed.failure().status() == 401
        && account.isPresent()
        && !sink.hungUp()) {
      try {
        if (recovery.recover(account.get(), token)) {
          log.info("{}: token refreshed after a 401; trying again", credential.label());
          outcome = send(config, request, route, credential, body, sink);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return outcome;
  }

  private UpstreamAttempt.Outcome send(
      Config config,
      ClientRequest request,
      ModelCatalog.Route route,
      Credential credential,
      RequestTranslation.Prepared body,
      ClientSink sink) {
    UpstreamRequest prepared =
        route
            .provider()
            .prepare(
                credential,
                new UpstreamCall(
                    UpstreamBody.ofBytes(body.body()),
                    route.provider().protocol().streams(request.stream()),
                    route.upstreamModel(),
                    request.api().dialect(),
                    body.passthrough(),
                    request.headers()));
    Optional<ProxyUrl> proxy = credential.proxyUrl().or(config::proxyUrl);
    return new UpstreamAttempt(clients.forProxy(proxy), clock)
        .run(
            prepared,
            route.provider().protocol().streams(request.stream()),
            request.stream(),
            body.shape(),
            route.provider().protocol().failures(),
            sink);
  }

  /** How long to wait before another round, if another round is allowed and worth it. */
  private Optional<Duration> nextRoundWait(
      Config config,
      int round,
      int rounds,
      List<ModelCatalog.Route> routes,
      String model,
      Duration soonestSkipped) {
    if (round + 1 >= rounds || config.maxRetryIntervalSeconds() <= 0) {
      return Optional.empty();
    }
    Duration soonest = soonestRest(routes, model).orElse(soonestSkipped);
    if (soonest == null) {
      return Optional.of(Duration.ZERO);
    }
    return soonest.compareTo(Duration.ofSeconds(config.maxRetryIntervalSeconds())) <= 0
        ? Optional.of(soonest)
        : Optional.empty();
  }

  /** Answers when every option failed or rests: a cooldown 429, or the last upstream failure. */
  private void reportExhausted(
      ClientRequest request,
      UpstreamFailure last,
      List<ModelCatalog.Route> routes,
      String model,
      ClientSink sink) {
    Optional<Duration> soonest = soonestRest(routes, model);
    boolean allResting = soonest.isPresent() && soonest.get().compareTo(Duration.ZERO) > 0;
    if (allResting && (last == null || last.status() == 429)) {
      Duration wait = soonest.get();
      String providers =
          routes.stream().map(r -> r.provider().key()).distinct().collect(Collectors.joining(", "));
      throw new ProxyError(
              429,
              ProxyError.Kind.RATE_LIMIT,
              "model_cooldown",
              "All credentials for model "
                  + model
                  + " are cooling down ("
                  + providers
                  + "); retry after "
                  + Math.max(1, (wait.toMillis() + 999) / 1000)
                  + "s.",
              Optional.of(wait))
          .toException();
    }
    if (last == null) {
      List<Account> needLogin =
          routes.stream()
              .flatMap(r -> r.credentials().stream())
              .flatMap(c -> c.account().stream())
              .filter(Account::needsLogin)
              .distinct()
              .toList();
      String why =
          needLogin.isEmpty()
              ? ""
              : " "
                  + needLogin.stream()
                      .map(a ->
                          a.id()
                              + " needs a new login (./cli-proxy-api --"
                              + a.provider()
                              + "-login)")
                      .collect(Collectors.joining("; "))
                  + ".";
      throw new ProxyError(
              503,
              ProxyError.Kind.UPSTREAM,
              "no_credentials",
              "No credential is available for model " + model + "." + why,
              Optional.empty())
          .toException();
    }
    ModelCatalog.Route lastRoute = routes.get(routes.size() - 1);
    UpstreamErrors.report(last, lastRoute.provider().key(), sameDialect(request, lastRoute), sink);
  }

  /** Whether the client reads the upstream's error bodies as they are. */
  private static boolean sameDialect(ClientRequest request, ModelCatalog.Route route) {
    return request.api().dialect() == route.provider().dialect();
  }

  /** The shortest remaining rest among all credentials of these routes, if every one rests. */
  private Optional<Duration> soonestRest(List<ModelCatalog.Route> routes, String model) {
    Duration soonest = null;
    for (ModelCatalog.Route route : routes) {
      for (Credential c : route.credentials()) {
        if (!c.usable()) {
          continue;
        }
        Duration left = pool.restRemaining(c, model);
        if (left.isZero()) {
          return Optional.empty();
        }
        soonest = soonest == null || left.compareTo(soonest) < 0 ? left : soonest;
      }
    }
    return Optional.ofNullable(soonest);
  }

  /** The routes starting at a per-model offset, so providers of one model share the load. */
  private List<ModelCatalog.Route> rotate(List<ModelCatalog.Route> routes, String model) {
    if (routes.size() < 2) {
      return routes;
    }
    int start =
        Math.floorMod(
            providerOffsets.computeIfAbsent(model, k -> new AtomicInteger()).getAndIncrement(),
            routes.size());
    List<ModelCatalog.Route> rotated = new ArrayList<>(routes.size());
    for (int i = 0; i < routes.size(); i++) {
      rotated.add(routes.get((start + i) % routes.size()));
    }
    return rotated;
  }

  private static String modelList(RuntimeSnapshot snapshot) {
    List<ModelOffer> offers = snapshot.catalog().offers();
    if (offers.isEmpty()) {
      return "(none: add models under openai-compatibility in config.yaml)";
    }
    String listed =
        offers.stream()
            .limit(MAX_LISTED_MODELS)
            .map(ModelOffer::clientName)
            .collect(Collectors.joining(", "));
    return offers.size() > MAX_LISTED_MODELS
        ? listed + " and " + (offers.size() - MAX_LISTED_MODELS) + " more (GET /v1/models)"
        : listed;
  }
}
