package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cliproxy.auth.oauth.Pkce;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 authorization server on 127.0.0.1 speaking the wire format of RFC 6749
 * (authorization code and refresh token grants), RFC 7636 (PKCE, S256 only) and RFC 8628 (device
 * authorization).
 *
 * <ul>
 *   <li>{@code GET /authorize?response_type=code&client_id&redirect_uri&state&code_challenge
 *       &code_challenge_method=S256}: recorded, then answered with a 302 to {@code
 *       redirect_uri?code=…&state=…}, or {@code ?error=access_denied&error_description=…} after
 *       {@link #denyConsent}. Requests without {@code client_id}, {@code redirect_uri} or a S256
 *       challenge get a 400 page (no redirect), as a real server does.
 *   <li>{@code POST /token}, form-encoded (JSON bodies only after {@link #acceptJsonBodies}):
 *       {@code authorization_code} (checks client id, code, redirect URI and the verifier against
 *       the challenge; a code is used up by its first success), {@code refresh_token} (rotates:
 *       every use issues a new pair and invalidates the old refresh token), and the device-code
 *       grant.
 *   <li>{@code POST /device/code}: issues a device code, user code, verification URI, interval and
 *       lifetime; the token grant then follows {@link #deviceAnswers} or {@link #devicePending}.
 * </ul>
 *
 * <p>Errors are RFC 6749 §5.2 JSON: {@code 400 {"error":"invalid_grant",…}}. Every token returned
 * is unique, so tests can tell which answer a client used.
 */
public final class FakeOAuthServer implements AutoCloseable {
  /** RFC 8628 grant type of the device-code token request. */
  public static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One {@code GET /authorize} as received. */
  public record AuthorizeRequest(Map<String, String> parameters) {
    public String clientId() {
      return parameters.get("client_id");
    }

    public String redirectUri() {
      return parameters.get("redirect_uri");
    }

    public String state() {
      return parameters.get("state");
    }

    public String codeChallenge() {
      return parameters.get("code_challenge");
    }

    public String codeChallengeMethod() {
      return parameters.get("code_challenge_method");
    }

    public String get(String name) {
      return parameters.get(name);
    }
  }

  /** One {@code POST /token} or {@code /device/code} as received, with its decoded form. */
  public record TokenRequest(String path, String contentType, Map<String, String> form) {
    public String grantType() {
      return form.get("grant_type");
    }

    public String get(String name) {
      return form.get(name);
    }
  }

  /** A pair the server issued; {@code expiresIn} is the access token's lifetime. */
  public record Tokens(String accessToken, String refreshToken, Duration expiresIn) {
    @Override
    public String toString() {
      return "Tokens[<hidden>, expiresIn=" + expiresIn + "]";
    }
  }

  /** The device authorization the fake issued last. */
  public record DeviceAuthorization(
      String deviceCode, String userCode, URI verificationUri, int interval, int expiresIn) {}

  private record IssuedCode(String redirectUri, String challenge) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final String clientId;

  private final List<AuthorizeRequest> authorizeRequests = new CopyOnWriteArrayList<>();
  private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  private final AtomicInteger refreshCalls = new AtomicInteger();

  // Guarded by this.
  private final Set<String> liveRefreshTokens = new HashSet<>();
  private String currentAccessToken;
  private String currentRefreshToken;
  private Duration accessLifetime = Duration.ofHours(1);
  private Map<String, Object> extraTokenFields = Map.of();
  private int failNextRefreshes;
  private boolean refuseRefreshes;
  private Duration refreshDelay = Duration.ZERO;
  private boolean acceptJson;
  private Optional<String> denyDescription = Optional.empty();
  private Optional<String> stateOverride = Optional.empty();
  private final FakeDeviceFlow device;

  private FakeOAuthServer(String clientId) throws IOException {
    this.clientId = clientId;
    this.device = new FakeDeviceFlow(clientId, this::verificationUri);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a fake that knows the client {@code test-client}. */
  public static FakeOAuthServer start() throws IOException {
    return start("test-client");
  }

  /** Starts a fake on a free loopback port that accepts only {@code clientId}. */
  public static FakeOAuthServer start(String clientId) throws IOException {
    return new FakeOAuthServer(clientId);
  }

  // ---- addresses ----

  public String clientId() {
    return clientId;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public URI authorizeUri() {
    return baseUri().resolve("/authorize");
  }

  public URI tokenUri() {
    return baseUri().resolve("/token");
  }

  public URI deviceCodeUri() {
    return baseUri().resolve("/device/code");
  }

  /** The page the device flow sends the user to (the fake does not serve it). */
  public URI verificationUri() {
    return baseUri().resolve("/device");
  }

  /**
   * The authorize URL a client would build: {@code response_type=code}, this fake's client id, the
   * given redirect URI, state and S256 challenge.
   */
  public URI authorizeUrl(String redirectUri, String state, Pkce pkce) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUri);
    query.put("scope", "openid offline_access");
    query.put("state", state);
    query.put("code_challenge", pkce.challenge());
    query.put("code_challenge_method", Pkce.METHOD);
    return URI.create(authorizeUri() + "?" + formEncode(query));
  }

  // ---- authorization endpoint behaviour ----

  /** From now on {@code /authorize} redirects with {@code error=access_denied}. */
  public synchronized void denyConsent(String description) {
    denyDescription = Optional.of(description);
  }

  /** From now on {@code /authorize} redirects with this state instead of the one it received. */
  public synchronized void redirectWithState(String state) {
    stateOverride = Optional.of(state);
  }

  public List<AuthorizeRequest> authorizeRequests() {
    return List.copyOf(authorizeRequests);
  }

  // ---- token endpoint behaviour ----

  /** Also accept {@code application/json} bodies at {@code /token} (Claude's style). */
  public synchronized void acceptJsonBodies() {
    acceptJson = true;
  }

  /** The access-token lifetime sent as {@code expires_in} (1 hour unless set). */
  public synchronized void accessTokenLifetime(Duration lifetime) {
    accessLifetime = lifetime;
  }

  /** Fields added to every token answer, e.g. {@code id_token} or an account object. */
  public synchronized void extraTokenFields(Map<String, Object> fields) {
    extraTokenFields = Map.copyOf(fields);
  }

  /**
   * Issues a fresh pair as if a login had just finished, makes it current, and returns it; the
   * refresh token is then accepted once by the refresh grant. Earlier pairs stay valid.
   */
  public synchronized Tokens issueTokens() {
    return issue();
  }

  public synchronized String currentAccessToken() {
    return currentAccessToken;
  }

  public synchronized String currentRefreshToken() {
    return currentRefreshToken;
  }

  /** Whether {@code accessToken} is the newest access token issued. */
  public synchronized boolean isCurrentAccessToken(String accessToken) {
    return accessToken != null && accessToken.equals(currentAccessToken);
  }

  /** Refresh-grant requests received, including failed ones. */
  public int refreshCalls() {
    return refreshCalls.get();
  }

  /** The next {@code n} refresh requests get {@code 500 {"error":"server_error"}}. */
  public synchronized void failNextRefreshes(int n) {
    failNextRefreshes = n;
  }

  /** Every refresh from now on gets {@code 400 invalid_grant}, as for a revoked grant. */
  public synchronized void refuseRefreshes() {
    refuseRefreshes = true;
  }

  /** Refreshes wait this long before answering, so concurrent callers overlap. */
  public synchronized void refreshDelay(Duration delay) {
    refreshDelay = delay;
  }

  public List<TokenRequest> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** Token requests with this {@code grant_type}. */
  public List<TokenRequest> tokenRequests(String grantType) {
    return tokenRequests.stream().filter(r -> grantType.equals(r.grantType())).toList();
  }

  // ---- device flow behaviour ----

  /** The {@code interval} and {@code expires_in} (seconds) of the next device authorizations. */
  public void deviceTiming(int interval, int expiresIn) {
    device.timing(interval, expiresIn);
  }

  /** Polls answer {@code authorization_pending} {@code n} times, then tokens. */
  public void devicePending(int n) {
    device.answers(true, Collections.nCopies(n, "authorization_pending"));
  }

  /**
   * Polls answer these errors in order ({@code authorization_pending}, {@code slow_down}, {@code
   * access_denied}, {@code expired_token}, …); afterwards tokens when {@code approve}, else {@code
   * expired_token} for ever (the code lapsed unapproved).
   */
  public void deviceAnswers(boolean approve, String... errors) {
    device.answers(approve, List.of(errors));
  }

  public Optional<DeviceAuthorization> lastDeviceAuthorization() {
    return device.last();
  }

  /** Device-grant token requests received. */
  public int devicePolls() {
    return device.polls();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- HTTP ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/authorize" -> {
          if (!method.equals("GET")) {
            send(exchange, 405, "text/plain", "GET only");
          } else {
            authorize(exchange);
          }
        }
        case "/token", "/device/code" -> {
          if (!method.equals("POST")) {
            sendError(exchange, 405, "invalid_request", "POST only");
            return;
          }
          Optional<Map<String, String>> form = readBody(exchange);
          if (form.isEmpty()) {
            return;
          }
          String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
          tokenRequests.add(new TokenRequest(path, contentType, form.get()));
          if (path.equals("/device/code")) {
            device.authorize(exchange, form.get());
          } else {
            token(exchange, form.get());
          }
        }
        default -> send(exchange, 404, "text/plain", "not found");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
    authorizeRequests.add(new AuthorizeRequest(Map.copyOf(query)));
    String redirect = query.get("redirect_uri");
    // RFC 6749 §4.1.2.1: with a missing or wrong client or redirect URI, never redirect.
    if (!"code".equals(query.get("response_type"))
        || !clientId.equals(query.get("client_id"))
        || redirect == null
        || !redirect.startsWith("http://")) {
      send(exchange, 400, "text/plain", "invalid authorization request");
      return;
    }
    Map<String, String> answer = new LinkedHashMap<>();
    String challenge = query.get("code_challenge");
    Optional<String> deny;
    Optional<String> state;
    synchronized (this) {
      deny = denyDescription;
      state = stateOverride;
    }
    if (challenge == null || !Pkce.METHOD.equals(query.get("code_challenge_method"))) {
      answer.put("error", "invalid_request");
      answer.put("error_description", "PKCE with code_challenge_method=S256 is required");
    } else if (deny.isPresent()) {
      answer.put("error", "access_denied");
      answer.put("error_description", deny.get());
    } else {
      String code = "code-" + random();
      codes.put(code, new IssuedCode(redirect, challenge));
      answer.put("code", code);
    }
    String returnedState = state.orElse(query.get("state"));
    if (returnedState != null) {
      answer.put("state", returnedState);
    }
    String location = redirect + (redirect.contains("?") ? "&" : "?") + formEncode(answer);
    exchange.getResponseHeaders().set("Location", location);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(302, -1);
  }

  private void token(HttpExchange exchange, Map<String, String> form)
      throws IOException, InterruptedException {
    String grantType = form.getOrDefault("grant_type", "");
    switch (grantType) {
      case "authorization_code" -> authorizationCodeGrant(exchange, form);
      case "refresh_token" -> refreshGrant(exchange, form);
      case DEVICE_GRANT -> device.grant(exchange, form, this::issueTokens, this::sendTokens);
      case "" -> sendError(exchange, 400, "invalid_request", "grant_type is required");
      default -> sendError(exchange, 400, "unsupported_grant_type", grantType);
    }
  }

  private void authorizationCodeGrant(HttpExchange exchange, Map<String, String> form)
      throws IOException {
    if (!clientId.equals(form.get("client_id"))) {
      sendError(exchange, 401, "invalid_client", "unknown or missing client_id");
      return;
    }
    String code = form.get("code");
    IssuedCode issued = code == null ? null : codes.get(code);
    if (issued == null) {
      sendError(exchange, 400, "invalid_grant", "unknown, used or missing code");
      return;
    }
    if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
      sendError(exchange, 400, "invalid_grant", "redirect_uri does not match the authorization");
      return;
    }
    String verifier = form.get("code_verifier");
    if (verifier == null || !constantEquals(s256(verifier), issued.challenge())) {
      sendError(exchange, 400, "invalid_grant", "code_verifier does not match the challenge");
      return;
    }
    if (!codes.remove(code, issued)) {
      sendError(exchange, 400, "invalid_grant", "code already used");
      return;
    }
    Tokens tokens;
    synchronized (this) {
      tokens = issue();
    }
    sendTokens(exchange, tokens);
  }

  private void refreshGrant(HttpExchange exchange, Map<String, String> form)
      throws IOException, InterruptedException {
    refreshCalls.incrementAndGet();
    Duration delay;
    synchronized (this) {
      delay = refreshDelay;
    }
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
    String presentedClient = form.get("client_id");
    if (presentedClient != null && !clientId.equals(presentedClient)) {
      sendError(exchange, 401, "invalid_client", "unknown client_id");
      return;
    }
    String refreshToken = form.get("refresh_token");
    Tokens tokens = null;
    boolean scriptedFailure = false;
    synchronized (this) {
      if (failNextRefreshes > 0) {
        failNextRefreshes--;
        scriptedFailure = true;
      } else if (!refuseRefreshes
          && refreshToken != null
          && liveRefreshTokens.remove(refreshToken)) {
        tokens = issue();
      }
    }
    if (scriptedFailure) {
      sendError(exchange, 500, "server_error", "scripted failure");
    } else if (tokens == null) {
      sendError(exchange, 400, "invalid_grant", "refresh token is invalid, used or revoked");
    } else {
      sendTokens(exchange, tokens);
    }
  }

  // ---- helpers ----

  /** Issues a pair and makes it current; caller holds the monitor. */
  private Tokens issue() {
    String access = "access-" + random();
    String refresh = "refresh-" + random();
    liveRefreshTokens.add(refresh);
    currentAccessToken = access;
    currentRefreshToken = refresh;
    return new Tokens(access, refresh, accessLifetime);
  }

  private void sendTokens(HttpExchange exchange, Tokens tokens) throws IOException {
    Map<String, Object> extras;
    synchronized (this) {
      extras = extraTokenFields;
    }
    OAuthReplies.tokens(exchange, tokens, extras);
  }

  private static void sendError(HttpExchange exchange, int status, String error, String description)
      throws IOException {
    OAuthReplies.error(exchange, status, error, description);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    OAuthReplies.send(exchange, status, contentType, body);
  }

  /** The request's parameters, or empty after answering 400 for a wrong content type. */
  private Optional<Map<String, String>> readBody(HttpExchange exchange) throws IOException {
    String contentType =
        Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "")
            .toLowerCase(Locale.ROOT);
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    boolean json;
    synchronized (this) {
      json = acceptJson;
    }
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      return Optional.of(parse(body));
    }
    if (json && contentType.startsWith("application/json")) {
      Map<String, String> fields = new LinkedHashMap<>();
      JsonNode node;
      try {
        node = JSON.readTree(body);
      } catch (IOException e) {
        sendError(exchange, 400, "invalid_request", "body is not JSON");
        return Optional.empty();
      }
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
      return Optional.of(fields);
    }
    sendError(
        exchange,
        400,
        "invalid_request",
        "Content-Type must be application/x-www-form-urlencoded, got " + contentType);
    return Optional.empty();
  }

  private static Map<String, String> parse(String raw) {
    return FormFields.parse(raw);
  }

  /** {@code application/x-www-form-urlencoded} text of the map, in its order. */
  public static String formEncode(Map<String, String> fields) {
    return FormFields.encode(fields);
  }

  /** Whether a PKCE verifier meets its S256 challenge (compared in constant time). */
  static boolean verifierMatches(String verifier, String challenge) {
    return constantEquals(s256(verifier), challenge);
  }

  private static String s256(String verifier) {
    return Pkce.challengeOf(verifier);
  }

  private static boolean constantEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static String random() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
