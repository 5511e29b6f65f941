package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.provider.CredentialUnavailable;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token counts from the upstream itself, for providers with a counting endpoint (Claude's {@code
 * count_tokens}): the first route whose provider has one is asked with one of the credentials that
 * may serve the model (its exclusions apply, as for model calls). Empty when none has one or the
 * call fails, so the caller estimates instead.
 */
final class UpstreamTokenCount {
  private static final Logger log = LoggerFactory.getLogger(UpstreamTokenCount.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ANSWER = 1 << 20;

  private final CredentialPool pool;
  private final UpstreamClient client;
  private final RuntimeSnapshot snapshot;

  UpstreamTokenCount(CredentialPool pool, UpstreamClient client, RuntimeSnapshot snapshot) {
    this.pool = pool;
    this.client = client;
    this.snapshot = snapshot;
  }

  OptionalLong count(
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RequestTranslation translation) {
    for (ModelCatalog.Route route : routes) {
      CredentialPool.Pick pick =
          pool.pick(route.provider().key(), model, route.credentials(), Set.of());
      if (!(pick instanceof CredentialPool.Pick.Use use)) {
        continue;
      }
      Credential credential = use.credential();
      RequestTranslation.Prepared body = translation.forRoute(route, false);
      Optional<UpstreamRequest> prepared;
      try {
        prepared =
            route
                .provider()
                .countTokens(
                    credential,
                    new UpstreamCall(
                        body.body(),
                        false,
                        route.upstreamModel(),
                        request.api().dialect(),
                        body.passthrough(),
                        request.headers()));
      } catch (CredentialUnavailable e) {
        log.warn(
            "token count via {} failed ({}); estimating instead",
            credential.label(),
            e.getMessage());
        continue;
      }
      if (prepared.isEmpty()) {
        continue;
      }
      OptionalLong counted = ask(prepared.get(), credential, route);
      if (counted.isPresent()) {
        return counted;
      }
    }
    return OptionalLong.empty();
  }

  private OptionalLong ask(
      UpstreamRequest prepared, Credential credential, ModelCatalog.Route route) {
    UpstreamClient.Call call =
        new UpstreamClient.Call(
            prepared,
            credential.proxyUrl().or(() -> snapshot.config().proxyUrl()),
            false,
            Optional.of(TIMEOUT));
    try (UpstreamAnswer answer = client.send(call, abort -> {})) {
      byte[] body = answer.whole(MAX_ANSWER);
      if (answer.status() != 200) {
        log.warn(
            "token count via {} answered {}; estimating instead",
            credential.label(),
            answer.status());
        return OptionalLong.empty();
      }
      return route.provider().protocol().codec().decodeTokenCount(body);
    } catch (UpstreamClient.UpstreamUnreachable | IOException e) {
      log.warn(
          "token count via {} failed ({}); estimating instead", credential.label(), e.toString());
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }
}
