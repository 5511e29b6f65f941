package dev.cliproxy.gateway;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.CooldownPolicy;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.config.Config;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.Usage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a request: tries the model's routes and their credentials in the pool's order,
 * each through the {@link AttemptChain}; moves on after a failure that says something about the
 * credential, while nothing has reached the client; rests the credential as the failure says; and,
 * when everything failed or rests, runs another round if {@code request-retry} allows and a rest
 * ends within {@code max-retry-interval}.
 */
final class Failover {
  private static final Logger log = LoggerFactory.getLogger(Failover.class);

  private final CredentialPool pool;
  private final AttemptChain chain;

  Failover(CredentialPool pool, AttemptChain chain) {
    this.pool = pool;
    this.chain = chain;
  }

  /** How a request ended. */
  sealed interface Result {
    /** An answer went to the client. */
    record Answered(Attempt attempt, Outcome.Delivered outcome) implements Result {}

    /** The client hung up first. */
    record ClientLeft(Optional<Attempt> attempt, Optional<Usage> usage) implements Result {}

    /** Nothing worked; the client is to be told this. */
    record Refused(ErrorReply.Reply reply) implements Result {}
  }

  Result run(Exchange exchange) {
    Config config = exchange.snapshot().config();
    String model = exchange.model();
    List<ModelCatalog.Route> routes = exchange.routes();
    ClientSink sink = exchange.sink();
    UpstreamFailure last = null;
    ModelCatalog.Route lastRoute = null;
    int rounds = config.requestRetry() + 1;
    for (int round = 0; round < rounds; round++) {
      Set<String> tried = new HashSet<>();
      Duration soonest = null;
      for (ModelCatalog.Route route : pool.rotate(model, routes)) {
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
          Attempt attempt = Attempt.first(exchange, route, credential);
          exchange.request().trace().attempt(route.provider().key());
          log.debug(
              "attempt {}: {} -> {} as {} via {}",
              attempt.number(),
              model,
              route.provider().key(),
              route.upstreamModel(),
              credential.label());
          Outcome outcome;
          pool.started(credential);
          try {
            outcome = chain.proceed(attempt);
          } finally {
            pool.finished(credential);
          }
          recordFailure(exchange.recorder(), outcome);
          switch (outcome) {
            case Outcome.Delivered delivered -> {
              if (delivered.complete()) {
                pool.succeeded(credential, model);
              } else {
                pool.failed(
                    credential,
                    model,
                    new CredentialPool.Failure(
                        0, Optional.empty(), false, "the stream broke off midway"));
              }
              exchange.tell(attempted(outcome, Optional.empty()));
              return new Result.Answered(delivered.attempt(), delivered);
            }
            case Outcome.HungUp hungUp -> {
              exchange.tell(attempted(outcome, Optional.empty()));
              return new Result.ClientLeft(Optional.of(hungUp.attempt()), hungUp.usage());
            }
            case Outcome.Failed failed -> {
              last = failed.failure();
              lastRoute = route;
              if (!CooldownPolicy.isCredentialFailure(last.status())
                  && !last.reading().permanent()) {
                exchange.tell(attempted(outcome, Optional.empty()));
                return new Result.Refused(
                    ErrorReply.forUpstream(
                        last, route.provider().key(), sameDialect(exchange, route)));
              }
              Optional<Duration> rest = pool.failed(credential, model, poolFailure(last));
              exchange.tell(attempted(outcome, rest));
              log.warn(
                  "{} via {} failed: {}; {} and trying the next option",
                  model,
                  credential.label(),
                  last.reason(),
                  last.reading().permanent()
                      ? "disabling it (" + last.reading().why() + ")"
                      : "resting it " + rest.map(Duration::toString).orElse("not at all"));
              if (sink.hungUp()) {
                return new Result.ClientLeft(Optional.of(attempt), Optional.empty());
              }
            }
          }
        }
      }
      Optional<Duration> wait = nextRoundWait(config, round, rounds, exchange, soonest);
      if (wait.isEmpty()) {
        break;
      }
      try {
        Thread.sleep(wait.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result.ClientLeft(Optional.empty(), Optional.empty());
      }
      if (sink.hungUp()) {
        return new Result.ClientLeft(Optional.empty(), Optional.empty());
      }
    }
    return exhausted(exchange, last, lastRoute);
  }

  /** Tells the request's log about a try that failed or whose stream broke off. */
  private static void recordFailure(RequestRecorder recorder, Outcome outcome) {
    switch (outcome) {
      case Outcome.Failed f ->
          recorder.failed(
              f.attempt().number(), f.failure().status(), f.failure().body(), f.failure().reason());
      case Outcome.Delivered d when !d.complete() ->
          recorder.failed(
              d.attempt().number(), d.status(), new byte[0], "the stream broke off midway");
      default -> {}
    }
  }

  /** The event for one try that ended with {@code outcome}. */
  static GatewayEvent.Attempted attempted(Outcome outcome, Optional<Duration> rest) {
    Attempt attempt = outcome.attempt();
    String reason =
        switch (outcome) {
          case Outcome.Delivered d -> d.complete() ? "" : "the stream broke off midway";
          case Outcome.HungUp h -> GatewayEvent.Attempted.CLIENT_LEFT;
          case Outcome.Failed f ->
              f.failure().reading().why().isEmpty()
                  ? f.failure().reason()
                  : f.failure().reason() + " (" + f.failure().reading().why() + ")";
        };
    return new GatewayEvent.Attempted(
        attempt.exchange().id(),
        attempt.number(),
        attempt.credential().id(),
        attempt.credential().authIndex(),
        attempt.route().provider().key(),
        attempt.route().upstreamModel(),
        attempt.prepared().passthrough(),
        outcome.status(),
        outcome.firstByte(),
        attempt.exchange().takeUpstreamWait(),
        rest,
        reason);
  }

  private static CredentialPool.Failure poolFailure(UpstreamFailure failure) {
    String why = failure.reading().why();
    return new CredentialPool.Failure(
        failure.status(),
        failure.retryAfter(),
        failure.reading().permanent(),
        why.isEmpty() ? failure.reason() : why);
  }

  /** How long to wait before another round, if another round is allowed and worth it. */
  private Optional<Duration> nextRoundWait(
      Config config, int round, int rounds, Exchange exchange, Duration soonestSkipped) {
    if (round + 1 >= rounds || config.maxRetryIntervalSeconds() <= 0) {
      return Optional.empty();
    }
    Duration soonest = soonestRest(exchange).orElse(soonestSkipped);
    if (soonest == null) {
      return Optional.of(Duration.ZERO);
    }
    return soonest.compareTo(Duration.ofSeconds(config.maxRetryIntervalSeconds())) <= 0
        ? Optional.of(soonest)
        : Optional.empty();
  }

  private Optional<Duration> soonestRest(Exchange exchange) {
    return pool.soonestRest(
        exchange.routes().stream().flatMap(r -> r.credentials().stream()).toList(),
        exchange.model());
  }

  /** When every option failed or rests: a cooldown 429, a 503 saying why, or the last failure. */
  private Result exhausted(Exchange exchange, UpstreamFailure last, ModelCatalog.Route lastRoute) {
    String model = exchange.model();
    List<ModelCatalog.Route> routes = exchange.routes();
    Optional<Duration> soonest = soonestRest(exchange);
    boolean allResting = soonest.isPresent() && soonest.get().compareTo(Duration.ZERO) > 0;
    if (allResting && (last == null || last.status() == 429)) {
      Duration wait = soonest.get();
      String providers =
          routes.stream().map(r -> r.provider().key()).distinct().collect(Collectors.joining(", "));
      return new Result.Refused(
          new ErrorReply.Reply.Written(
              new ProxyError(
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
                  Optional.of(wait))));
    }
    if (last == null) {
      return new Result.Refused(
          new ErrorReply.Reply.Written(ErrorReply.noCredentials(model, unavailable(exchange))));
    }
    return new Result.Refused(
        ErrorReply.forUpstream(last, lastRoute.provider().key(), sameDialect(exchange, lastRoute)));
  }

  /** Why no credential could be picked: accounts that need a login, disabled credentials. */
  private String unavailable(Exchange exchange) {
    List<Credential> all =
        exchange.routes().stream().flatMap(r -> r.credentials().stream()).distinct().toList();
    StringBuilder why = new StringBuilder();
    all.stream()
        .flatMap(c -> c.account().stream())
        .filter(Account::needsLogin)
        .distinct()
        .forEach(a ->
            why.append(' ')
                .append(a.id())
                .append(" needs a new login")
                .append(
                    exchange
                        .snapshot()
                        .loginFlag(a.provider())
                        .map(flag -> " (./cli-proxy-api " + flag + ")")
                        .orElse(""))
                .append('.'));
    for (Credential c : all) {
      pool.disabledWhy(c)
          .ifPresent(w ->
              why.append(' ')
                  .append(c.label())
                  .append(" is disabled: ")
                  .append(w)
                  .append(" (fix it in config.yaml; saving the file tries it again)."));
    }
    return why.toString();
  }

  /** Whether the client reads the upstream's error bodies as they are. */
  private static boolean sameDialect(Exchange exchange, ModelCatalog.Route route) {
    return exchange.request().api().dialect() == route.provider().dialect();
  }
}
