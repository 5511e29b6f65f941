package dev.cliproxy.server;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.provider.ModelOffer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The model endpoints (calls, token counts, model lists) as routes behind the client-key check: the
 * proxy API's own, and the same endpoints under a module's prefix with its {@link ModelCallGuard}
 * (Amp's provider aliases).
 */
public final class ModelRoutes {
  private final Gateway gateway;
  private final Codecs codecs;

  public ModelRoutes(Gateway gateway, Codecs codecs) {
    this.gateway = gateway;
    this.codecs = codecs;
  }

  /**
   * The OpenAI, Claude and Gemini model routes under {@code prefix}, which holds a param {@code
   * provider} naming the provider family: {@code anthropic} lists models in Claude's shape, {@code
   * google} in Gemini's, anything else in OpenAI's.
   */
  public PathTable<Endpoint> providerAliases(String prefix, ModelCallGuard guard) {
    return endpoints(Route.providerAliases(prefix), guard, ModelRoutes::none);
  }

  /** Vertex AI's Gemini model paths under {@code prefix}, served as Gemini calls. */
  public PathTable<Endpoint> vertexAliases(String prefix, ModelCallGuard guard) {
    return endpoints(Route.vertexAliases(prefix), guard, ModelRoutes::none);
  }

  /**
   * Endpoints for routes: the model routes' own, the rest from {@code others} (the proxy API's
   * health, root and hello answers).
   */
  PathTable<Endpoint> endpoints(
      PathTable<Route> routes, ModelCallGuard guard, Function<Route, Endpoint> others) {
    ModelCalls calls = new ModelCalls(gateway, codecs, guard);
    return routes.map(route -> endpoint(route, calls, others));
  }

  private static Endpoint none(Route route) {
    throw new IllegalArgumentException(route.kind() + " is not a model route");
  }

  private Endpoint endpoint(Route route, ModelCalls calls, Function<Route, Endpoint> others) {
    return switch (route.kind()) {
      case MODELS -> ClientKeyCheck.required(this::models);
      case PROVIDER_MODELS -> ClientKeyCheck.required(this::providerModels);
      case GEMINI_MODELS -> {
        // Gemini clients get Gemini-shaped 401s here, while a wrong method stays OpenAI-shaped
        Endpoint listed = ClientKeyCheck.required(this::geminiModels);
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
      case HEALTH, ROOT, HELLO, RESPONSES_SOCKET, WRONG_METHOD, UNKNOWN -> others.apply(route);
    };
  }

  /** {@code GET /v1/models}: Claude's shape for Claude clients, OpenAI's for everyone else. */
  private void models(Exchange exchange) throws IOException {
    var headers = exchange.request().getHeaders();
    boolean claude =
        headers.contains("anthropic-version")
            || String.valueOf(headers.get(HttpHeader.USER_AGENT)).startsWith("claude-cli");
    list(exchange, claude ? Dialect.CLAUDE : Dialect.OPENAI_CHAT);
  }

  /** The models of the provider family the path names. */
  private void providerModels(Exchange exchange) throws IOException {
    Dialect shape =
        switch (exchange.param("provider").toLowerCase(Locale.ROOT)) {
          case "anthropic" -> Dialect.CLAUDE;
          case "google" -> Dialect.GEMINI;
          default -> Dialect.OPENAI_CHAT;
        };
    list(exchange, shape);
  }

  private void geminiModels(Exchange exchange) throws IOException {
    list(exchange, Dialect.GEMINI);
  }

  private void list(Exchange exchange, Dialect shape) throws IOException {
    exchange.answerErrorsIn(shape);
    RuntimeSnapshot snapshot = exchange.snapshot();
    List<ModelOffer> offers = gateway.offersFor(exchange.clientKey(), snapshot);
    byte[] list =
        switch (shape) {
          case CLAUDE -> ModelListing.claude(snapshot, offers);
          case GEMINI -> ModelListing.gemini(snapshot, offers);
          default -> ModelListing.openAi(snapshot, offers);
        };
    exchange.sink().complete(200, "application/json", list, Map.of());
  }
}
