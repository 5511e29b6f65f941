package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.config.Config;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token counts from the upstream itself, for providers with a counting endpoint (Claude's {@code
 * count_tokens}): the first route whose provider has one is asked with one of its credentials.
 * Empty when none has one or the call fails, so the caller estimates instead.
 */
final class UpstreamTokenCount {
  private static final Logger log = LoggerFactory.getLogger(UpstreamTokenCount.class);
  private static final long TIMEOUT_SECONDS = 30;
  private static final int MAX_ANSWER = 1 << 20;

  private final CredentialPool pool;
  private final UpstreamClients clients;
  private final Config config;

  UpstreamTokenCount(CredentialPool pool, UpstreamClients clients, Config config) {
    this.pool = pool;
    this.clients = clients;
    this.config = config;
  }

  OptionalLong count(
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RequestTranslation translation) {
    for (ModelCatalog.Route route : routes) {
      CredentialPool.Pick pick =
          pool.pick(route.provider().key(), model, route.provider().credentials(), Set.of());
      if (!(pick instanceof CredentialPool.Pick.Use use)) {
        continue;
      }
      Credential credential = use.credential();
      RequestTranslation.Prepared body = translation.forRoute(route);
      Optional<UpstreamRequest> prepared =
          route
              .provider()
              .countTokens(
                  credential,
                  new UpstreamCall(
                      UpstreamBody.ofBytes(body.body()),
                      false,
                      route.upstreamModel(),
                      request.api().dialect(),
                      body.passthrough(),
                      request.headers()));
      if (prepared.isEmpty()) {
        continue;
      }
      OptionalLong counted = ask(prepared.get(), credential, route.provider().protocol().codec());
      if (counted.isPresent()) {
        return counted;
      }
    }
    return OptionalLong.empty();
  }

  private OptionalLong ask(UpstreamRequest prepared, Credential credential, DialectCodec codec) {
    Request request =
        clients
            .forProxy(credential.proxyUrl().or(config::proxyUrl))
            .newRequest(prepared.url())
            .method(HttpMethod.POST)
            .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String contentType = "application/json";
    for (Map.Entry<String, String> header : prepared.headers()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      }
    }
    request.headers(h -> prepared.headers().forEach(e -> h.put(e.getKey(), e.getValue())));
    request.body(new BytesRequestContent(contentType, prepared.body()));
    try {
      ContentResponse response = request.send();
      byte[] body =
          ContentDecoding.decode(
              response.getHeaders().get(HttpHeader.CONTENT_ENCODING),
              response.getContent(),
              MAX_ANSWER);
      if (response.getStatus() != 200) {
        log.warn(
            "token count via {} answered {}; estimating instead",
            credential.label(),
            response.getStatus());
        return OptionalLong.empty();
      }
      return codec.decodeTokenCount(body);
    } catch (ExecutionException | TimeoutException | IOException e) {
      log.warn(
          "token count via {} failed ({}); estimating instead", credential.label(), e.toString());
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }
}
