package dev.cliproxy.gateway;

import dev.cliproxy.provider.CredentialUnavailable;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.util.Optional;

/**
 * Provider preparation: the route's provider turns the body and the credential into the upstream
 * HTTP request (URL, headers, its own body rules). A credential the provider cannot prepare now
 * ({@link CredentialUnavailable}) fails the try as an unreachable upstream would.
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
    UpstreamRequest upstream;
    try {
      upstream = route.provider().prepare(attempt.credential(), call);
    } catch (CredentialUnavailable e) {
      return new Outcome.Failed(
          attempt, UpstreamFailure.unreachable(e.getMessage()), Optional.empty());
    }
    return next.proceed(attempt.withRequest(upstream));
  }
}
