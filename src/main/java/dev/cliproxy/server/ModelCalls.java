package dev.cliproxy.server;

import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.gemini.GeminiCountRequest;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The proxy API's model endpoints: a model call or a token count, handed to the gateway. */
final class ModelCalls {
  private final Gateway gateway;
  private final Codecs codecs;

  ModelCalls(Gateway gateway, Codecs codecs) {
    this.gateway = gateway;
    this.codecs = codecs;
  }

  /** A generate call: the model and stream flag come from the path (Gemini) or the body. */
  void call(Route route, Exchange exchange) {
    byte[] body = exchange.body();
    exchange.watchForHangUp();
    RequestHead head = RequestHead.read(body);
    ClientApi api = route.api().orElseThrow();
    ClientRequest call =
        route.pathModel().isPresent() || api == ClientApi.GEMINI_CLI
            ? new ClientRequest(
                api,
                body,
                head,
                route.pathModel().or(head::model),
                route.pathStream(),
                exchange.providerHeaders(),
                exchange.trace())
            : ClientRequest.fromBody(api, body, head, exchange.providerHeaders(), exchange.trace());
    gateway.handle(
        call.at(exchange.path(), exchange.clientKey()), exchange.snapshot(), exchange.sink());
  }

  /** A token count, answered in the client's dialect. */
  void countTokens(Route route, Exchange exchange) throws IOException {
    byte[] body = exchange.body();
    ClientApi api = route.api().orElseThrow();
    if (api == ClientApi.GEMINI) {
      body = GeminiCountRequest.innerRequest(body);
    }
    RequestHead head = RequestHead.read(body);
    Optional<String> model = route.pathModel().or(head::model);
    if (api == ClientApi.GEMINI_CLI) {
      model = model.or(() -> GeminiCountRequest.codeAssistModel(exchange.body()));
    }
    ClientRequest call =
        new ClientRequest(
            api, body, head, model, false, exchange.providerHeaders(), exchange.trace());
    long tokens =
        gateway.countTokens(call.at(exchange.path(), exchange.clientKey()), exchange.snapshot());
    exchange
        .sink()
        .complete(
            200, "application/json", codecs.of(api.dialect()).encodeTokenCount(tokens), Map.of());
  }
}
