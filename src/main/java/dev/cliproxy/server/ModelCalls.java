package dev.cliproxy.server;

import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.gemini.GeminiCountRequest;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.provider.ClientHeaders;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The model endpoints: a model call or a token count, decided by a {@link ModelCallGuard} and
 * handed to the gateway.
 */
final class ModelCalls {
  private final Gateway gateway;
  private final Codecs codecs;
  private final ModelCallGuard guard;

  ModelCalls(Gateway gateway, Codecs codecs, ModelCallGuard guard) {
    this.gateway = gateway;
    this.codecs = codecs;
    this.guard = guard;
  }

  /** A generate call: the model and stream flag come from the path (Gemini) or the body. */
  void call(Route route, Exchange exchange) throws IOException {
    byte[] body = exchange.body();
    ClientApi api = route.api().orElseThrow();
    RequestHead head = RequestHead.read(body, api.bodyShape());
    boolean modelInPath = route.pathModel().isPresent() || api == ClientApi.GEMINI_CLI;
    Optional<String> asked = modelInPath ? route.pathModel().or(head::model) : head.model();
    if (!(decide(exchange, api, asked) instanceof ModelCallGuard.Verdict.Serve serve)) {
      return;
    }
    exchange.watchForHangUp();
    Optional<String> served = serve.model();
    boolean mapped = served.isPresent() && !served.equals(asked);
    if (mapped && !route.pathModel().isPresent()) {
      body = head.withModel(body, served.get());
      head = head.withModelHead(served.get());
    }
    ClientRequest call =
        modelInPath
            ? new ClientRequest(
                api,
                body,
                head,
                route.pathModel().isPresent() ? served : head.model(),
                route.pathStream(),
                serve.headers(),
                exchange.trace())
            : ClientRequest.fromBody(api, body, head, serve.headers(), exchange.trace());
    call = call.at(exchange.path(), exchange.clientKey());
    if (mapped && asked.isPresent()) {
      call = call.reportingModelAs(asked.get());
    }
    gateway.handle(call, exchange.snapshot(), exchange.sink());
  }

  /** A token count, answered in the client's dialect. */
  void countTokens(Route route, Exchange exchange) throws IOException {
    byte[] body = exchange.body();
    ClientApi api = route.api().orElseThrow();
    if (api == ClientApi.GEMINI) {
      body = GeminiCountRequest.innerRequest(body);
    }
    RequestHead head = RequestHead.read(body);
    Optional<String> asked = route.pathModel().or(head::model);
    if (api == ClientApi.GEMINI_CLI) {
      asked = asked.or(() -> GeminiCountRequest.codeAssistModel(exchange.body()));
    }
    if (!(decide(exchange, api, asked) instanceof ModelCallGuard.Verdict.Serve serve)) {
      return;
    }
    ClientRequest call =
        new ClientRequest(api, body, head, serve.model(), false, serve.headers(), exchange.trace());
    long tokens =
        gateway.countTokens(call.at(exchange.path(), exchange.clientKey()), exchange.snapshot());
    exchange
        .sink()
        .complete(
            200, "application/json", codecs.of(api.dialect()).encodeTokenCount(tokens), Map.of());
  }

  private ModelCallGuard.Verdict decide(Exchange exchange, ClientApi api, Optional<String> model)
      throws IOException {
    ClientHeaders headers = exchange.providerHeaders();
    return guard.decide(exchange, new ModelCallGuard.ModelCall(api, model, headers));
  }
}
