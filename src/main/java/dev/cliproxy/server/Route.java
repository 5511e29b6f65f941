package dev.cliproxy.server;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.gateway.ClientApi;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a request's method and path ask for from the proxy API.
 *
 * @param kind the endpoint
 * @param api the client API of a model endpoint (its dialect decides error bodies), else empty
 * @param pathModel the model named in the path (Gemini), else empty
 * @param pathStream whether the path asks for a stream (Gemini {@code streamGenerateContent})
 */
record Route(Kind kind, Optional<ClientApi> api, Optional<String> pathModel, boolean pathStream) {

  /** The endpoints this server answers. */
  enum Kind {
    HEALTH,
    ROOT,
    HELLO,
    MODELS,
    GEMINI_MODELS,
    /** The models of the provider family a path names (Amp's {@code /api/provider/{provider}}). */
    PROVIDER_MODELS,
    MODEL_CALL,
    /** {@code GET /v1/responses} upgraded: the Responses API over WebSocket. */
    RESPONSES_SOCKET,
    COUNT_TOKENS,
    /** Gemini CLI's Code Assist setup calls, which the proxy answers itself. */
    CODE_ASSIST_SETUP,
    WRONG_METHOD,
    UNKNOWN
  }

  static final String ENDPOINTS =
      "This proxy serves POST /v1/chat/completions, POST /v1/completions, POST /v1/responses"
          + " (and GET /v1/responses as a WebSocket),"
          + " POST /v1/messages, POST /v1beta/models/{model}:generateContent and"
          + " :streamGenerateContent, POST /v1internal:{method} (Gemini CLI in Code Assist mode),"
          + " GET /v1/models, GET /v1beta/models, GET /healthz.";

  private static final Set<String> GET_OR_HEAD = Set.of("GET", "HEAD");

  /** The proxy API's path table; the model in a Gemini path is the param {@code model}. */
  static final PathTable<Route> TABLE = table();

  private static PathTable<Route> table() {
    PathTable.Builder<Route> table =
        PathTable.<Route>builder()
            .get("/healthz", simple(Kind.HEALTH))
            .get("/", simple(Kind.ROOT))
            .on(GET_OR_HEAD, "/api/hello", Dialect.OPENAI_CHAT, simple(Kind.HELLO))
            .get("/v1/models", simple(Kind.MODELS))
            .get("/models", simple(Kind.MODELS))
            .get("/v1beta/models", simple(Kind.GEMINI_MODELS));
    modelCalls(table, "");
    for (String responses : new String[] {"/v1/responses", "/responses"}) {
      table.on(
          Set.of("GET"),
          responses,
          ClientApi.OPENAI_RESPONSES.dialect(),
          new Route(
              Kind.RESPONSES_SOCKET,
              Optional.of(ClientApi.OPENAI_RESPONSES),
              Optional.empty(),
              false));
    }
    for (String models : new String[] {"/v1beta/models/{model}", "/v1/models/{model}"}) {
      gemini(table, ClientApi.GEMINI, models);
    }
    gemini(table, ClientApi.GEMINI_CLI, "/v1internal");
    // after the model calls: every other Code Assist method, and the operations it polls
    for (String setup : new String[] {"/v1internal:{method}", "/v1internal/*"}) {
      table.on(
          PathTable.ANY_METHOD,
          setup,
          ClientApi.GEMINI_CLI.dialect(),
          new Route(
              Kind.CODE_ASSIST_SETUP, Optional.of(ClientApi.GEMINI_CLI), Optional.empty(), false));
    }
    return table.build();
  }

  /**
   * The model routes of one provider family under {@code prefix} (Amp's {@code
   * /api/provider/{provider}}, whose param {@code provider} picks the shape of its model list): the
   * OpenAI, Claude and Gemini calls with and without {@code /v1}, and the model lists.
   */
  static PathTable<Route> providerAliases(String prefix) {
    PathTable.Builder<Route> table =
        PathTable.<Route>builder()
            .get(prefix + "/models", simple(Kind.PROVIDER_MODELS))
            .get(prefix + "/v1/models", simple(Kind.PROVIDER_MODELS))
            .get(prefix + "/v1beta/models", simple(Kind.GEMINI_MODELS));
    modelCalls(table, prefix);
    gemini(table, ClientApi.GEMINI, prefix + "/v1beta/models/{model}");
    return table.build();
  }

  /**
   * Vertex AI's model paths as Amp sends them for Google models ({@code
   * /api/provider/google/v1beta1/publishers/google/models/{model}:streamGenerateContent}), served
   * as Gemini calls.
   */
  static PathTable<Route> vertexAliases(String prefix) {
    PathTable.Builder<Route> table = PathTable.builder();
    gemini(table, ClientApi.GEMINI, prefix + "/v1beta1/publishers/google/models/{model}");
    return table.build();
  }

  /** The OpenAI and Claude model calls under {@code prefix}, with and without {@code /v1}. */
  private static void modelCalls(PathTable.Builder<Route> table, String prefix) {
    call(
        table,
        ClientApi.OPENAI_CHAT,
        prefix + "/v1/chat/completions",
        prefix + "/chat/completions");
    call(table, ClientApi.OPENAI_COMPLETIONS, prefix + "/v1/completions", prefix + "/completions");
    call(table, ClientApi.OPENAI_RESPONSES, prefix + "/v1/responses", prefix + "/responses");
    call(table, ClientApi.CLAUDE_MESSAGES, prefix + "/v1/messages");
    post(
        table,
        prefix + "/v1/messages/count_tokens",
        Kind.COUNT_TOKENS,
        ClientApi.CLAUDE_MESSAGES,
        false);
  }

  /**
   * What a request asks for: its route, {@link Kind#WRONG_METHOD} (keeping the route's API) when
   * the path is known but not the method, else {@link Kind#UNKNOWN}.
   */
  static Route match(String method, String path) {
    return switch (TABLE.lookup(method, path)) {
      case PathTable.Lookup.Found<Route> found -> found.entry().target().at(found.params());
      case PathTable.Lookup.WrongMethod<Route> wrong -> {
        Route route = wrong.entry().target().at(wrong.params());
        yield new Route(Kind.WRONG_METHOD, route.api, route.pathModel, false);
      }
      case PathTable.Lookup.NotFound<Route> none -> simple(Kind.UNKNOWN);
    };
  }

  /** This route with the model its path names, for Gemini paths. */
  Route at(Map<String, String> params) {
    return new Route(kind, api, Optional.ofNullable(params.get("model")), pathStream);
  }

  private static void call(PathTable.Builder<Route> table, ClientApi api, String... paths) {
    for (String path : paths) {
      post(table, path, Kind.MODEL_CALL, api, false);
    }
  }

  private static void gemini(PathTable.Builder<Route> table, ClientApi api, String base) {
    post(table, base + ":generateContent", Kind.MODEL_CALL, api, false);
    post(table, base + ":streamGenerateContent", Kind.MODEL_CALL, api, true);
    post(table, base + ":countTokens", Kind.COUNT_TOKENS, api, false);
  }

  private static void post(
      PathTable.Builder<Route> table, String path, Kind kind, ClientApi api, boolean stream) {
    table.on(
        Set.of("POST"),
        path,
        api.dialect(),
        new Route(kind, Optional.of(api), Optional.empty(), stream));
  }

  private static Route simple(Kind kind) {
    return new Route(kind, Optional.empty(), Optional.empty(), false);
  }
}
