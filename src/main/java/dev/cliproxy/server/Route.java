package dev.cliproxy.server;

/** The endpoints this server answers, matched by method and path. */
enum Route {
  HEALTH,
  ROOT,
  MODELS,
  CHAT,
  COMPLETIONS,
  WRONG_METHOD,
  UNKNOWN;

  static final String ENDPOINTS =
      "This proxy serves POST /v1/chat/completions, POST /v1/completions, GET /v1/models,"
          + " GET /healthz.";

  static Route match(String method, String path) {
    Route route =
        switch (path) {
          case "/healthz" -> HEALTH;
          case "/" -> ROOT;
          case "/v1/models", "/models" -> MODELS;
          case "/v1/chat/completions", "/chat/completions" -> CHAT;
          case "/v1/completions", "/completions" -> COMPLETIONS;
          default -> UNKNOWN;
        };
    String expected =
        switch (route) {
          case HEALTH, ROOT, MODELS -> "GET";
          case CHAT, COMPLETIONS -> "POST";
          default -> null;
        };
    if (expected == null) {
      return route;
    }
    boolean ok = method.equals(expected) || (expected.equals("GET") && method.equals("HEAD"));
    return ok ? route : WRONG_METHOD;
  }
}
