package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * claude.ai's sign-in page and Anthropic's OAuth token endpoint on 127.0.0.1, strict as the real
 * ones: the authorize page takes only Claude Code's client, redirect address and scopes, and
 * redirects with a code; the token endpoint takes JSON only, checks the PKCE verifier against the
 * code's challenge, and rotates refresh tokens (a used one is {@code invalid_grant}).
 */
public final class FakeClaudeAuth implements AutoCloseable {
  public static final String CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
  public static final String REDIRECT_URI = "http://localhost:54545/callback";
  public static final String SCOPES = "org:create_api_key user:profile user:inference";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One token request as received. */
  public record TokenCall(Map<String, String> headers, JsonNode body) {}

  private record Issued(String challenge, String redirectUri, String state) {}

  private final LoopbackJetty server;
  private final Map<String, Issued> codes = new ConcurrentHashMap<>();
  private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
  private final List<TokenCall> tokenCalls = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final String email;
  private volatile boolean emailInRefresh = true;
  private volatile int failRefreshWith;
  private volatile long expiresIn = 28800;

  private FakeClaudeAuth(String email) throws Exception {
    this.email = email;
    server = LoopbackJetty.start("fake-claude-auth", this::serve);
  }

  /** A fake whose one account is {@code email}. */
  public static FakeClaudeAuth start(String email) throws Exception {
    return new FakeClaudeAuth(email);
  }

  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** For {@code endpoints.claude.authorize}. */
  public String authorizeUrl() {
    return base() + "/oauth/authorize";
  }

  /** For {@code endpoints.claude.token}. */
  public String tokenUrl() {
    return base() + "/v1/oauth/token";
  }

  /** Whether refresh answers name the account (the login answer always does). */
  public void emailInRefresh(boolean include) {
    emailInRefresh = include;
  }

  /** Makes refreshes fail with this status (0: stop failing). */
  public void failRefreshWith(int status) {
    failRefreshWith = status;
  }

  public void expiresIn(long seconds) {
    expiresIn = seconds;
  }

  /** A refresh token the endpoint accepts once, as if issued by an earlier login. */
  public String issueRefreshToken() {
    String token = "sk-ant-ort01-fake-" + counter.incrementAndGet();
    liveRefreshTokens.add(token);
    return token;
  }

  public List<TokenCall> tokenCalls() {
    return List.copyOf(tokenCalls);
  }

  /**
   * What a browser does with the authorize URL once the user approves: asks the page for a code and
   * returns the address it is redirected to (the loopback callback with code and state).
   */
  public URI approve(URI authorizeUrl) throws IOException, InterruptedException {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 302) {
      throw new IOException("the sign-in page refused: " + page.statusCode() + " " + page.body());
    }
    return URI.create(page.headers().firstValue("location").orElseThrow());
  }

  private void serve(Request request, Response response) throws Exception {
    String path = Request.getPathInContext(request);
    if (request.getMethod().equals("GET") && path.equals("/oauth/authorize")) {
      authorize(request, response);
    } else if (request.getMethod().equals("POST") && path.equals("/v1/oauth/token")) {
      token(request, response);
    } else {
      send(response, 404, "{\"error\":\"not_found\"}");
    }
  }

  private void authorize(Request request, Response response) throws IOException {
    Map<String, String> q = query(request.getHttpURI().getQuery());
    String problem = null;
    if (!"true".equals(q.get("code"))) {
      problem = "code=true is required";
    } else if (!CLIENT_ID.equals(q.get("client_id"))) {
      problem = "unknown client_id";
    } else if (!"code".equals(q.get("response_type"))) {
      problem = "response_type must be code";
    } else if (!REDIRECT_URI.equals(q.get("redirect_uri"))) {
      problem = "redirect_uri is not registered for this client";
    } else if (!SCOPES.equals(q.get("scope"))) {
      problem = "invalid scope";
    } else if (!"S256".equals(q.get("code_challenge_method"))
        || q.getOrDefault("code_challenge", "").length() != 43) {
      problem = "PKCE S256 is required";
    } else if (q.getOrDefault("state", "").isEmpty()) {
      problem = "state is required";
    }
    if (problem != null) {
      send(
          response,
          400,
          "{\"error\":\"invalid_request\",\"error_description\":\"" + problem + "\"}");
      return;
    }
    String code = "fake-code-" + counter.incrementAndGet();
    codes.put(code, new Issued(q.get("code_challenge"), q.get("redirect_uri"), q.get("state")));
    response.setStatus(302);
    response
        .getHeaders()
        .put(
            HttpHeader.LOCATION,
            q.get("redirect_uri")
                + "?code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
    send(response, 302, "");
  }

  private void token(Request request, Response response) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    request.getHeaders().forEach(f -> headers.put(f.getLowerCaseName(), f.getValue()));
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    if (!headers.getOrDefault("content-type", "").startsWith("application/json")) {
      send(response, 415, "{\"error\":\"invalid_request\",\"error_description\":\"JSON only\"}");
      return;
    }
    JsonNode body = JSON.readTree(raw);
    tokenCalls.add(new TokenCall(Map.copyOf(headers), body));
    if (!CLIENT_ID.equals(body.path("client_id").asText())) {
      send(response, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    switch (body.path("grant_type").asText()) {
      case "authorization_code" -> {
        Issued issued = codes.remove(body.path("code").asText());
        if (issued == null
            || !issued.redirectUri().equals(body.path("redirect_uri").asText())
            || !issued.state().equals(body.path("state").asText())
            || !issued.challenge().equals(challenge(body.path("code_verifier").asText()))) {
          invalidGrant(response, "Invalid 'code' in request.");
          return;
        }
        send(response, 200, JSON.writeValueAsString(tokens(true)));
      }
      case "refresh_token" -> {
        if (failRefreshWith != 0) {
          send(
              response,
              failRefreshWith,
              "{\"error\":\"server_error\",\"error_description\":\"try later\"}");
          return;
        }
        if (!liveRefreshTokens.remove(body.path("refresh_token").asText())) {
          invalidGrant(response, "Refresh token not found or invalid");
          return;
        }
        send(response, 200, JSON.writeValueAsString(tokens(emailInRefresh)));
      }
      default -> send(response, 400, "{\"error\":\"unsupported_grant_type\"}");
    }
  }

  private ObjectNode tokens(boolean withAccount) {
    int n = counter.incrementAndGet();
    String refresh = "sk-ant-ort01-fake-" + n;
    liveRefreshTokens.add(refresh);
    ObjectNode out = JSON.createObjectNode();
    out.put("token_type", "Bearer");
    out.put("access_token", "sk-ant-oat01-fake-" + n);
    out.put("expires_in", expiresIn);
    out.put("refresh_token", refresh);
    out.put("scope", "user:inference user:profile");
    if (withAccount) {
      out.putObject("organization").put("uuid", "org-uuid").put("name", "Fake Org");
      out.putObject("account").put("uuid", "acct-uuid").put("email_address", email);
    }
    return out;
  }

  private static void invalidGrant(Response response, String description) throws IOException {
    send(
        response,
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"" + description + "\"}");
  }

  private static String challenge(String verifier) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void send(Response response, int status, String body) throws IOException {
    response.setStatus(status);
    if (!body.isEmpty()) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
