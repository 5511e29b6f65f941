package dev.cliproxy.gateway;

/** The config's {@code payload} rules, applied to the upstream body of a try. */
final class PayloadRulesStep implements AttemptStep {
  @Override
  public Outcome proceed(Attempt attempt, AttemptChain next) {
    Exchange exchange = attempt.exchange();
    ModelCatalog.Route route = attempt.route();
    exchange
        .snapshot()
        .payloadRules()
        .apply(
            attempt.prepared().body(),
            exchange.request().model().orElse(""),
            route.upstreamModel(),
            route.provider().dialect());
    return next.proceed(attempt);
  }
}
