package dev.cliproxy.server;

import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.server.responses.ResponsesSocketRoute;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The proxy API module: the OpenAI, Claude and Gemini endpoints (model calls, token counts, model
 * lists; {@link ModelRoutes}) and Gemini CLI's Code Assist setup calls ({@link CodeAssistSetup})
 * behind the client-key check, the Responses API over WebSocket ({@code server/responses}), plus
 * the health, root and hello answers that need no key.
 */
public final class ProxyApi implements ServerModule {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ROOT =
      ("{\"message\":\"CLI Proxy API Server\",\"endpoints\":[\"POST /v1/chat/completions\","
              + "\"POST /v1/completions\",\"GET /v1/models\"]}")
          .getBytes(StandardCharsets.UTF_8);

  private final PathTable<Endpoint> routes;
  private final Endpoint responsesSocket;

  public ProxyApi(Gateway gateway, Codecs codecs) {
    this.responsesSocket = ClientKeyCheck.required(new ResponsesSocketRoute(gateway));
    this.routes =
        new ModelRoutes(gateway, codecs).endpoints(Route.TABLE, ModelCallGuard.NONE, this::fixed);
  }

  @Override
  public PathTable<Endpoint> routes() {
    return routes;
  }

  @Override
  public String endpoints() {
    return Route.ENDPOINTS;
  }

  private Endpoint fixed(Route route) {
    return switch (route.kind()) {
      case RESPONSES_SOCKET -> responsesSocket;
      case HEALTH -> answer("application/json", HEALTHY);
      case ROOT -> answer("application/json", ROOT);
      case HELLO -> answer("text/plain", new byte[0]);
      default ->
          throw new IllegalArgumentException(route.kind() + " is not a route of the proxy API");
    };
  }

  private static Endpoint answer(String contentType, byte[] body) {
    return exchange -> exchange.sink().complete(200, contentType, body, Map.of());
  }
}
