package dev.cliproxy.server;

import dev.cliproxy.gateway.ClientApi;
import java.util.Optional;

/**
 * What a request's method and path ask for.
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
    MODEL_CALL,
    COUNT_TOKENS,
    WRONG_METHOD,
    UNKNOWN
  }

  static final String ENDPOINTS =
      "This proxy serves POST /v1/chat/completions, POST /v1/completions, POST /v1/responses,"
          + " POST /v1/messages, POST /v1beta/models/{model}:generateContent and"
          + " :streamGenerateContent, GET /v1/models, GET /v1beta/models, GET /healthz.";

  private static final String GEMINI_V1BETA = "/v1beta/models/";
  private static final String GEMINI_V1 = "/v1/models/";
  private static final String GEMINI_CLI = "/v1internal:";

  static Route match(String method, String path) {
    Route route = byPath(path);
    String expected =
        switch (route.kind) {
          case HEALTH, ROOT, MODELS, GEMINI_MODELS -> "GET";
          case HELLO -> "HEAD";
          case MODEL_CALL, COUNT_TOKENS -> "POST";
          case WRONG_METHOD, UNKNOWN -> null;
        };
    if (expected == null) {
      return route;
    }
    boolean ok =
        method.equals(expected)
            || (expected.equals("GET") && method.equals("HEAD"))
            || (expected.equals("HEAD") && method.equals("GET"));
    return ok ? route : new Route(Kind.WRONG_METHOD, route.api, route.pathModel, false);
  }

  private static Route byPath(String path) {
    return switch (path) {
      case "/healthz" -> simple(Kind.HEALTH);
      case "/" -> simple(Kind.ROOT);
      case "/api/hello" -> simple(Kind.HELLO);
      case "/v1/models", "/models" -> simple(Kind.MODELS);
      case "/v1beta/models" -> simple(Kind.GEMINI_MODELS);
      case "/v1/chat/completions", "/chat/completions" -> call(ClientApi.OPENAI_CHAT);
      case "/v1/completions", "/completions" -> call(ClientApi.OPENAI_COMPLETIONS);
      case "/v1/responses", "/responses" -> call(ClientApi.OPENAI_RESPONSES);
      case "/v1/messages" -> call(ClientApi.CLAUDE_MESSAGES);
      case "/v1/messages/count_tokens" ->
          new Route(
              Kind.COUNT_TOKENS, Optional.of(ClientApi.CLAUDE_MESSAGES), Optional.empty(), false);
      default -> gemini(path);
    };
  }

  private static Route gemini(String path) {
    if (path.startsWith(GEMINI_CLI)) {
      return geminiMethod(
          ClientApi.GEMINI_CLI, Optional.empty(), path.substring(GEMINI_CLI.length()));
    }
    String rest;
    if (path.startsWith(GEMINI_V1BETA)) {
      rest = path.substring(GEMINI_V1BETA.length());
    } else if (path.startsWith(GEMINI_V1)) {
      rest = path.substring(GEMINI_V1.length());
    } else {
      return simple(Kind.UNKNOWN);
    }
    int colon = rest.lastIndexOf(':');
    if (colon <= 0 || rest.indexOf('/') >= 0) {
      return simple(Kind.UNKNOWN);
    }
    return geminiMethod(
        ClientApi.GEMINI, Optional.of(rest.substring(0, colon)), rest.substring(colon + 1));
  }

  private static Route geminiMethod(ClientApi api, Optional<String> model, String method) {
    return switch (method) {
      case "generateContent" -> new Route(Kind.MODEL_CALL, Optional.of(api), model, false);
      case "streamGenerateContent" -> new Route(Kind.MODEL_CALL, Optional.of(api), model, true);
      case "countTokens" -> new Route(Kind.COUNT_TOKENS, Optional.of(api), model, false);
      default -> simple(Kind.UNKNOWN);
    };
  }

  private static Route simple(Kind kind) {
    return new Route(kind, Optional.empty(), Optional.empty(), false);
  }

  private static Route call(ClientApi api) {
    return new Route(Kind.MODEL_CALL, Optional.of(api), Optional.empty(), false);
  }
}
