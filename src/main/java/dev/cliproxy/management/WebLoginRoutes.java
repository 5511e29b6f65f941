package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.config.Config;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginOption;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;

/**
 * Logging in from the web UI, for a proxy on a machine without a browser: {@code GET
 * /<provider>-auth-url} starts the provider's login and answers {@code {"status":"ok",
 * "url","state"}}, {@code GET /get-auth-status?state=} says {@code wait}, {@code ok} or {@code
 * error}, {@code POST /oauth-callback} passes on the redirect address the user copied from the
 * browser (needed when that browser is on another machine), and {@code DELETE /oauth-session}
 * cancels. The provider words are the reference's ({@code codex}, {@code anthropic}, {@code
 * gemini-cli}, {@code antigravity}); a login's options are query parameters ({@code project_id}).
 */
public final class WebLoginRoutes implements ManagementRoutes, AutoCloseable {
  private final Map<String, LoginFlag> logins;
  private final WebLogins running;

  /**
   * @param logins the login of each provider word, e.g. {@code codex} → {@code --codex-login}
   * @param http the HTTP client a login's calls go through for a config (its {@code proxy-url})
   * @param store where saved accounts are applied at once
   */
  public WebLoginRoutes(
      Map<String, LoginFlag> logins,
      Clock clock,
      Function<Config, HttpClient> http,
      AuthFileRoutes.Store store) {
    this.logins = Map.copyOf(logins);
    this.running = new WebLogins(clock, http, store);
  }

  @Override
  public void addTo(ManagementRouter router) {
    logins.forEach((provider, flag) ->
        router.get("/" + provider + "-auth-url", call -> start(call, provider, flag)));
    router
        .get("/get-auth-status", this::status)
        .post("/oauth-callback", call -> callback(call, call.json()))
        .get("/oauth-callback", call -> callback(call, queryAsJson(call)))
        .delete("/oauth-session", this::cancel);
  }

  private ManagementReply start(ManagementCall call, String provider, LoginFlag flag) {
    Map<String, String> options = new LinkedHashMap<>();
    for (LoginOption option : flag.options()) {
      call.query(option.name().substring(2))
          .map(String::trim)
          .filter(v -> !v.isEmpty())
          .ifPresent(v -> options.put(option.name(), v));
    }
    WebLogins.Started started = running.start(provider, flag, call.config(), options);
    return ManagementReply.json(
        ManagementJson.MAPPER
            .createObjectNode()
            .put("status", "ok")
            .put("url", started.url().toString())
            .put("state", started.state()));
  }

  private ManagementReply status(ManagementCall call) {
    String state =
        call.query("state")
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> ManagementError.badRequest("state is required"));
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    Optional<WebLogin> login = running.find(state);
    if (login.isEmpty()) {
      return ManagementReply.json(
          body.put("status", "error").put("error", "unknown or expired state"));
    }
    return ManagementReply.json(
        switch (login.get().status()) {
          case WAIT -> body.put("status", "wait");
          case OK -> body.put("status", "ok");
          case ERROR -> body.put("status", "error").put("error", login.get().error());
        });
  }

  private ManagementReply callback(ManagementCall call, JsonNode body) {
    String redirect = body.path("redirect_url").asText("").trim();
    Optional<String> state =
        text(body, "state")
            .or(() -> redirect.isEmpty() ? Optional.empty() : redirectState(redirect));
    if (state.isEmpty()) {
      throw new ManagementError(
          400,
          "state is required",
          "send the whole redirect address (redirect_url) the browser ended on, or code and state");
    }
    WebLogin login =
        running
            .find(state.get())
            .orElseThrow(() ->
                new ManagementError(404, "unknown or expired state", "start the login again"));
    Optional<String> provider = text(body, "provider");
    if (provider.isPresent() && !provider.get().equals(login.provider())) {
      throw new ManagementError(
          400,
          "provider mismatch",
          "this login is for " + login.provider() + ", not " + provider.get());
    }
    if (login.status() != WebLogin.Status.WAIT) {
      throw new ManagementError(409, "login already finished", "its status is " + login.status());
    }
    String line = redirect.isEmpty() ? query(body, state.get()) : redirect;
    if (!login.input().offer(line)) {
      throw new ManagementError(409, "login is not waiting for a redirect", "start it again");
    }
    return ManagementReply.ok();
  }

  private ManagementReply cancel(ManagementCall call) {
    String state =
        call.query("state")
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> ManagementError.badRequest("state is required"));
    WebLogin login =
        running.find(state).orElseThrow(() -> new ManagementError(404, "unknown or expired state"));
    running.cancel(login);
    return ManagementReply.ok();
  }

  @Override
  public void close() {
    running.close();
  }

  private static Optional<String> redirectState(String redirect) {
    try {
      return WebLogins.queryParam(
          URI.create(redirect.startsWith("?") ? "x:/" + redirect : redirect), "state");
    } catch (IllegalArgumentException e) {
      throw new ManagementError(
          400, "invalid redirect_url", "it is not an address: " + e.getMessage());
    }
  }

  /** {@code code=…&state=…} (or {@code error=…}) as the login reads a pasted query. */
  private static String query(JsonNode body, String state) {
    StringBuilder query = new StringBuilder();
    text(body, "code").ifPresent(code -> query.append("code=").append(encode(code)).append('&'));
    text(body, "error")
        .ifPresent(error -> query.append("error=").append(encode(error)).append('&'));
    if (query.isEmpty()) {
      throw new ManagementError(400, "code is required", "send redirect_url, or code and state");
    }
    return query.append("state=").append(encode(state)).toString();
  }

  private static JsonNode queryAsJson(ManagementCall call) {
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    for (String name : new String[] {"provider", "redirect_url", "code", "state", "error"}) {
      call.query(name).ifPresent(value -> body.put(name, value));
    }
    return body;
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().trim())
        : Optional.empty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
