package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake auth.openai.com on 127.0.0.1 speaking the wire format the Codex CLI's login uses: the
 * form-encoded token endpoint (authorization-code exchange with PKCE, refresh with rotating refresh
 * tokens) and the JSON device-code endpoints. It checks what the real server checks — client id,
 * PKCE verifier against the challenge, redirect URI, a refresh token used once — and answers with
 * OpenAI's error shapes when something is wrong.
 */
public final class FakeOpenAiAuth implements AutoCloseable {
  public static final String CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake saw it: path, headers (lowercase names) and raw body. */
  public record Received(String path, Map<String, String> headers, String body) {
    /** The body's form fields (for form requests). */
    public Map<String, String> form() {
      return parseForm(body);
    }
  }

  /** The account the fake logs in. */
  public record Identity(String email, String accountId, String plan) {}

  private record PendingCode(String challenge, String redirectUri) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger devicePolls = new AtomicInteger();
  private volatile Identity identity = new Identity("user@example.com", "acct-123", "plus");
  private volatile long expiresIn = 864_000;
  private volatile int pendingPolls = 2;
  private volatile int refreshStatus = 200;
  private volatile String refreshBody = "";

  private FakeOpenAiAuth() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeOpenAiAuth start() throws IOException {
    return new FakeOpenAiAuth();
  }

  /** What to put in {@code endpoints.codex.auth}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  public void identity(Identity who) {
    identity = who;
  }

  public void expiresIn(long seconds) {
    expiresIn = seconds;
  }

  /** How many device polls answer "pending" (403) before the user approves. */
  public void pendingPolls(int count) {
    pendingPolls = count;
  }

  public int devicePolls() {
    return devicePolls.get();
  }

  /**
   * The user signed in and approved in the browser: {@code code} becomes exchangeable with the
   * verifier of {@code challenge}, for {@code redirectUri}.
   */
  public void approve(String code, String challenge, String redirectUri) {
    codes.put(code, new PendingCode(challenge, redirectUri));
  }

  /** A refresh token the fake accepts (once), as if issued by an earlier login. */
  public void acceptRefreshToken(String refreshToken) {
    refreshTokens.put(refreshToken, Boolean.TRUE);
  }

  /** Makes every refresh answer with this status and body instead of fresh tokens. */
  public void answerRefresh(int status, String body) {
    refreshStatus = status;
    refreshBody = body;
  }

  /** An unsigned JWT with the claims OpenAI puts in a Codex id_token. */
  public static String idToken(Identity who) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("email", who.email());
    payload.put("email_verified", true);
    payload.putArray("aud").add(CLIENT_ID);
    payload.put("iss", "https://auth.openai.com");
    payload.put("exp", 4_102_444_800L);
    ObjectNode auth = payload.putObject("https://api.openai.com/auth");
    auth.put("chatgpt_account_id", who.accountId());
    auth.put("chatgpt_plan_type", who.plan());
    auth.put("chatgpt_user_id", "user-xyz");
    auth.putArray("organizations").addObject().put("id", "org-1").put("is_default", true);
    return jwt(payload);
  }

  static String jwt(JsonNode payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) ->
              headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
      String path = exchange.getRequestURI().getPath();
      received.add(new Received(path, Map.copyOf(headers), body));
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
        return;
      }
      switch (path) {
        case "/oauth/token" -> token(exchange, headers, body);
        case "/api/accounts/deviceauth/usercode" -> userCode(exchange, headers, body);
        case "/api/accounts/deviceauth/token" -> deviceToken(exchange, headers, body);
        default -> send(exchange, 404, "{\"error\":\"not_found\"}");
      }
    }
  }

  private void token(HttpExchange exchange, Map<String, String> headers, String body)
      throws IOException {
    if (!headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
      send(exchange, 400, oauthError("invalid_request", "form body required"));
      return;
    }
    Map<String, String> form = parseForm(body);
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      send(exchange, 401, oauthError("invalid_client", "unknown client"));
      return;
    }
    switch (form.getOrDefault("grant_type", "")) {
      case "authorization_code" -> {
        PendingCode pending = codes.remove(form.getOrDefault("code", ""));
        if (pending == null) {
          send(exchange, 400, oauthError("invalid_grant", "Invalid authorization code"));
        } else if (!pending.redirectUri().equals(form.get("redirect_uri"))) {
          send(exchange, 400, oauthError("invalid_grant", "redirect_uri mismatch"));
        } else if (!pending.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
          send(exchange, 400, oauthError("invalid_grant", "PKCE verification failed"));
        } else {
          send(exchange, 200, tokens(true));
        }
      }
      case "refresh_token" -> {
        if (!refreshBody.isEmpty()) {
          send(exchange, refreshStatus, refreshBody);
          return;
        }
        if (!"openid profile email".equals(form.get("scope"))) {
          send(exchange, 400, oauthError("invalid_scope", "unexpected scope"));
          return;
        }
        Boolean live = refreshTokens.replace(form.getOrDefault("refresh_token", ""), Boolean.FALSE);
        if (live == null) {
          send(exchange, 400, oauthError("invalid_grant", "Unknown refresh token"));
        } else if (!live) {
          send(
              exchange,
              401,
              "{\"error\":{\"message\":\"Your refresh token has already been used to generate a"
                  + " new access token. Please try signing in again.\",\"type\":"
                  + "\"invalid_request_error\",\"param\":null,\"code\":\"refresh_token_reused\"}}");
        } else {
          send(exchange, 200, tokens(false));
        }
      }
      default -> send(exchange, 400, oauthError("unsupported_grant_type", "unsupported"));
    }
  }

  private String tokens(boolean withRefresh) {
    int n = issued.incrementAndGet();
    String refresh = "rt_fake_" + n;
    refreshTokens.put(refresh, Boolean.TRUE);
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", "at_fake_" + n);
    out.put("refresh_token", refresh);
    out.put("id_token", idToken(identity));
    out.put("token_type", "Bearer");
    out.put("expires_in", expiresIn);
    out.put("scope", withRefresh ? "openid email profile offline_access" : "openid profile email");
    return out.toString();
  }

  private void userCode(HttpExchange exchange, Map<String, String> headers, String body)
      throws IOException {
    JsonNode json = JSON.readTree(body);
    if (!headers.getOrDefault("content-type", "").startsWith("application/json")
        || !CLIENT_ID.equals(json.path("client_id").asText())) {
      send(exchange, 400, oauthError("invalid_request", "client_id required"));
      return;
    }
    devicePolls.set(0);
    send(
        exchange,
        200,
        "{\"device_auth_id\":\"dev-auth-1\",\"user_code\":\"ABCD-EFGH\",\"interval\":\"5\"}");
  }

  private void deviceToken(HttpExchange exchange, Map<String, String> headers, String body)
      throws IOException {
    JsonNode json = JSON.readTree(body);
    if (!"dev-auth-1".equals(json.path("device_auth_id").asText())
        || !"ABCD-EFGH".equals(json.path("user_code").asText())) {
      send(exchange, 400, oauthError("invalid_request", "unknown device code"));
      return;
    }
    if (devicePolls.incrementAndGet() <= pendingPolls) {
      send(exchange, 403, "{\"error\":{\"message\":\"Device authorization is pending\"}}");
      return;
    }
    String verifier = "v".repeat(64) + "device";
    String challenge = s256(verifier);
    approve("device-code-1", challenge, baseUrl() + "/deviceauth/callback");
    send(
        exchange,
        200,
        JSON.createObjectNode()
            .put("authorization_code", "device-code-1")
            .put("code_verifier", verifier)
            .put("code_challenge", challenge)
            .toString());
  }

  private static String oauthError(String error, String description) {
    return JSON.createObjectNode()
        .put("error", error)
        .put("error_description", description)
        .toString();
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    if (body == null || body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
