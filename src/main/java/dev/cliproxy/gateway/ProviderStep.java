package dev.cliproxy.gateway;

import dev.cliproxy.provider.UpstreamCall;

/**
 * Provider preparation: the route's provider turns the body and the credential into the upstream
 * HTTP request (URL, headers, its own body rules).
 */
final class ProviderStep implements AttemptStep {
  @Override
  public Outcome proceed(Attempt attempt, AttemptChain next) {
    ClientRequest request = attempt.exchange().request();
    ModelCatalog.Route route = attempt.route();
    RequestTranslation.Prepared prepared = attempt.prepared();
    UpstreamCall call =
        new UpstreamCall(
            prepared.body(),
            route.provider().protocol().streams(request.stream()),
            route.upstreamModel(),
            request.api().dialect(),
            prepared.passthrough(),
            request.headers());
    return next.proceed(attempt.withRequest(route.provider().prepare(attempt.credential(), call)));
  }
}
