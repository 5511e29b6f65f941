package dev.cliproxy.server;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The proxy API module: the OpenAI, Claude and Gemini endpoints (model calls, token counts, model
 * lists) and Gemini CLI's Code Assist setup calls ({@link CodeAssistSetup}) behind the client-key
 * check, plus the health, root and hello answers that need no key.
 */
public final class ProxyApi implements ServerModule {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ROOT =
      ("{\"message\":\"CLI Proxy API Server\",\"endpoints\":[\"POST /v1/chat/completions\","
              + "\"POST /v1/completions\",\"GET /v1/models\"]}")
          .getBytes(StandardCharsets.UTF_8);

  private final PathTable<Endpoint> routes;

  public ProxyApi(Gateway gateway, Codecs codecs) {
    ModelCalls calls = new ModelCalls(gateway, codecs);
    this.routes = Route.TABLE.map(route -> endpoint(route, calls));
  }

  @Override
  public PathTable<Endpoint> routes() {
    return routes;
  }

  @Override
  public String endpoints() {
    return Route.ENDPOINTS;
  }

  private static Endpoint endpoint(Route route, ModelCalls calls) {
    return switch (route.kind()) {
      case HEALTH -> fixed("application/json", HEALTHY);
      case ROOT -> fixed("application/json", ROOT);
      case HELLO -> fixed("text/plain", new byte[0]);
      case MODELS -> ClientKeyCheck.required(ProxyApi::models);
      case GEMINI_MODELS -> {
        // Gemini clients get Gemini-shaped 401s here, while a wrong method stays OpenAI-shaped
        Endpoint listed = ClientKeyCheck.required(ProxyApi::geminiModels);
        yield exchange -> {
          exchange.answerErrorsIn(Dialect.GEMINI);
          listed.serve(exchange);
        };
      }
      case MODEL_CALL ->
          ClientKeyCheck.required(exchange -> calls.call(route.at(exchange.params()), exchange));
      case COUNT_TOKENS ->
          ClientKeyCheck.required(
              exchange -> calls.countTokens(route.at(exchange.params()), exchange));
      case CODE_ASSIST_SETUP -> ClientKeyCheck.required(CodeAssistSetup::answer);
      case WRONG_METHOD, UNKNOWN ->
          throw new IllegalArgumentException(route.kind() + " is not a route of the proxy API");
    };
  }

  private static Endpoint fixed(String contentType, byte[] body) {
    return exchange -> exchange.sink().complete(200, contentType, body, Map.of());
  }

  /** {@code GET /v1/models}: Claude's shape for Claude clients, OpenAI's for everyone else. */
  private static void models(Exchange exchange) throws IOException {
    var headers = exchange.request().getHeaders();
    boolean claude =
        headers.contains("anthropic-version")
            || String.valueOf(headers.get(HttpHeader.USER_AGENT)).startsWith("claude-cli");
    exchange.answerErrorsIn(claude ? Dialect.CLAUDE : Dialect.OPENAI_CHAT);
    byte[] list =
        claude
            ? ModelListing.claude(exchange.snapshot())
            : ModelListing.openAi(exchange.snapshot());
    exchange.sink().complete(200, "application/json", list, Map.of());
  }

  private static void geminiModels(Exchange exchange) throws IOException {
    exchange
        .sink()
        .complete(200, "application/json", ModelListing.gemini(exchange.snapshot()), Map.of());
  }
}
