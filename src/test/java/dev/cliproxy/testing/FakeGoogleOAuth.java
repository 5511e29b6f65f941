package dev.cliproxy.testing;

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
 * Google's consent page ({@code /o/oauth2/auth}), token endpoint ({@code /token}) and userinfo
 * ({@code /oauth2/v1/userinfo}, and the v2 consent page {@code /o/oauth2/v2/auth}) on 127.0.0.1,
 * strict as the real ones for Gemini CLI's and Antigravity's installed apps: only their client ids,
 * each with its own registered redirect address, scopes and secret; offline access; the client
 * secret in the form body; codes used once, only by the client they were issued to and with their
 * redirect address; refresh tokens it issued to that client (Google's do not rotate), else {@code
 * invalid_grant}; userinfo only for access tokens it issued.
 */
public final class FakeGoogleOAuth implements AutoCloseable {
  public static final String CLIENT_ID =
      "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com";
  public static final String CLIENT_SECRET = "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";
  public static final String REDIRECT_URI = "http://localhost:8085/oauth2callback";
  public static final String SCOPES =
      "https://www.googleapis.com/auth/cloud-platform"
          + " https://www.googleapis.com/auth/userinfo.email"
          + " https://www.googleapis.com/auth/userinfo.profile";

  /** Antigravity's installed app. */
  public static final String ANTIGRAVITY_CLIENT_ID =
      "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com";

  public static final String ANTIGRAVITY_CLIENT_SECRET = "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";
  public static final String ANTIGRAVITY_REDIRECT_URI = "http://localhost:51121/oauth-callback";
  public static final String ANTIGRAVITY_SCOPES =
      SCOPES
          + " https://www.googleapis.com/auth/cclog"
          + " https://www.googleapis.com/auth/experimentsandconfigs";

  /** One registered installed app. */
  public record Client(String id, String secret, String redirectUri, String scopes) {}

  public static final Client GEMINI_CLI =
      new Client(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, SCOPES);
  public static final Client ANTIGRAVITY =
      new Client(
          ANTIGRAVITY_CLIENT_ID,
          ANTIGRAVITY_CLIENT_SECRET,
          ANTIGRAVITY_REDIRECT_URI,
          ANTIGRAVITY_SCOPES);
  private static final Map<String, Client> CLIENTS =
      Map.of(GEMINI_CLI.id(), GEMINI_CLI, ANTIGRAVITY.id(), ANTIGRAVITY);

  /** Every access token it issues starts so. */
  public static final String ACCESS_PREFIX = "ya29.fake-google-";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One token request as received: its form fields. */
  public record TokenCall(Map<String, String> form) {}

  private final LoopbackJetty server;
  private final String email;

  /** An issued code: the client it was issued to and the redirect address it was sent to. */
  private record Issued(Client client, String redirectUri) {}

  private final Map<String, Issued> codes = new ConcurrentHashMap<>();
  private final Map<String, Client> refreshTokens = new ConcurrentHashMap<>();
  private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
  private final List<TokenCall> tokenCalls = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile boolean deny;

  private FakeGoogleOAuth(String email) throws Exception {
    this.email = email;
    server = LoopbackJetty.start("fake-google-oauth", this::serve);
  }

  /** A fake whose one account is {@code email}. */
  public static FakeGoogleOAuth start(String email) throws Exception {
    return new FakeGoogleOAuth(email);
  }

  public String base() {
    return server.origin();
  }

  public String authorizeUrl() {
    return base() + "/o/oauth2/auth";
  }

  public String tokenUrl() {
    return base() + "/token";
  }

  public String userinfoUrl() {
    return base() + "/oauth2/v1/userinfo";
  }

  /** From now on the user refuses consent: the page redirects with {@code access_denied}. */
  public void denyConsent() {
    deny = true;
  }

  /** A refresh token the endpoint accepts, as if issued by an earlier Gemini CLI login. */
  public String issueRefreshToken() {
    return issueRefreshToken(GEMINI_CLI);
  }

  /** A refresh token the endpoint accepts from {@code client} only. */
  public String issueRefreshToken(Client client) {
    String token = "1//fake-refresh-" + counter.incrementAndGet();
    refreshTokens.put(token, client);
    return token;
  }

  /** Revokes a refresh token: using it is then {@code invalid_grant}. */
  public void revoke(String refreshToken) {
    refreshTokens.remove(refreshToken);
  }

  public List<TokenCall> tokenCalls() {
    return List.copyOf(tokenCalls);
  }

  /**
   * What a browser does with the consent URL once the user approves: asks the page and returns the
   * address it is redirected to (the loopback callback with code and state, or an error).
   */
  public URI approve(URI authorizeUrl) throws IOException, InterruptedException {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 302) {
      throw new IOException("the consent page refused: " + page.statusCode() + " " + page.body());
    }
    return URI.create(page.headers().firstValue("location").orElseThrow());
  }

  private void serve(Request request, Response response) throws Exception {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (method.equals("GET")
        && (path.equals("/o/oauth2/auth") || path.equals("/o/oauth2/v2/auth"))) {
      authorize(request, response);
    } else if (method.equals("POST") && path.equals("/token")) {
      token(request, response);
    } else if (method.equals("GET") && path.equals("/oauth2/v1/userinfo")) {
      String auth = request.getHeaders().get("Authorization");
      if (auth == null || !accessTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
        send(response, 401, googleError(401, "UNAUTHENTICATED", "Invalid Credentials"));
        return;
      }
      send(
          response,
          200,
          "{\"id\":\"1234\",\"email\":\"" + email + "\",\"verified_email\":true,\"picture\":\"\"}");
    } else {
      send(response, 404, googleError(404, "NOT_FOUND", "not found"));
    }
  }

  private void authorize(Request request, Response response) throws IOException {
    Map<String, String> q = form(request.getHttpURI().getQuery());
    String problem = null;
    Client client = CLIENTS.get(q.getOrDefault("client_id", ""));
    if (client == null) {
      problem = "invalid_client: The OAuth client was not found.";
    } else if (!client.redirectUri().equals(q.get("redirect_uri"))) {
      problem = "redirect_uri_mismatch";
    } else if (!"code".equals(q.get("response_type"))) {
      problem = "unsupported_response_type";
    } else if (!client.scopes().equals(q.get("scope"))) {
      problem = "invalid_scope";
    } else if (!"offline".equals(q.get("access_type")) || !"consent".equals(q.get("prompt"))) {
      problem = "offline access with prompt=consent is required for a refresh token";
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
    String target;
    if (deny) {
      target = q.get("redirect_uri") + "?error=access_denied&state=" + enc(q.get("state"));
    } else {
      String code = "4/fake-code-" + counter.incrementAndGet();
      codes.put(code, new Issued(client, q.get("redirect_uri")));
      target =
          q.get("redirect_uri")
              + "?state="
              + enc(q.get("state"))
              + "&code="
              + enc(code)
              + "&scope="
              + enc(client.scopes());
    }
    response.getHeaders().put(HttpHeader.LOCATION, target);
    send(response, 302, "");
  }

  private void token(Request request, Response response) throws Exception {
    String type = request.getHeaders().get("Content-Type");
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      send(response, 400, "{\"error\":\"invalid_request\",\"error_description\":\"form only\"}");
      return;
    }
    Map<String, String> f = form(new String(raw, StandardCharsets.UTF_8));
    tokenCalls.add(new TokenCall(Map.copyOf(f)));
    Client client = CLIENTS.get(f.getOrDefault("client_id", ""));
    if (client == null || !client.secret().equals(f.get("client_secret"))) {
      send(response, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}");
      return;
    }
    switch (f.getOrDefault("grant_type", "")) {
      case "authorization_code" -> {
        Issued issued = codes.remove(f.getOrDefault("code", ""));
        if (issued == null
            || issued.client() != client
            || !issued.redirectUri().equals(f.get("redirect_uri"))) {
          send(
              response, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
          return;
        }
        send(response, 200, JSON.writeValueAsString(tokens(client, true)));
      }
      case "refresh_token" -> {
        if (refreshTokens.get(f.getOrDefault("refresh_token", "")) != client) {
          send(
              response,
              400,
              "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or"
                  + " revoked.\"}");
          return;
        }
        send(response, 200, JSON.writeValueAsString(tokens(client, false)));
      }
      default -> send(response, 400, "{\"error\":\"unsupported_grant_type\"}");
    }
  }

  private ObjectNode tokens(Client client, boolean withRefresh) {
    int n = counter.incrementAndGet();
    String access = ACCESS_PREFIX + n;
    accessTokens.add(access);
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", access);
    out.put("expires_in", 3599);
    out.put("scope", client.scopes());
    out.put("token_type", "Bearer");
    if (withRefresh) {
      String refresh = "1//fake-refresh-" + n;
      refreshTokens.put(refresh, client);
      out.put("refresh_token", refresh);
    }
    return out;
  }

  static String googleError(int code, String status, String message) {
    return "{\"error\":{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\",\"status\":\""
        + status
        + "\"}}";
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Map<String, String> form(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
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

  static void send(Response response, int status, String body) throws IOException {
    response.setStatus(status);
    if (!body.isEmpty()) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
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
