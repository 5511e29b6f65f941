package dev.cliproxy.gateway;

/**
 * The body for the route's upstream, passed through or translated, and a fresh shape for its answer
 * (each try gets its own, since later steps edit the body and shapes hold stream state).
 */
final class TranslationStep implements AttemptStep {
  @Override
  public Outcome proceed(Attempt attempt, AttemptChain next) {
    Exchange exchange = attempt.exchange();
    return next.proceed(
        attempt.withPrepared(exchange.translation().forRoute(attempt.route(), exchange.watched())));
  }
}
