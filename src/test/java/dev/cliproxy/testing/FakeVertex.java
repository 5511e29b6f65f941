package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Google's token endpoint and Vertex AI's publisher models on 127.0.0.1.
 *
 * <p>{@code POST /token} takes a service account's JWT grant ({@code grant_type=urn:ietf:params:
 * oauth:grant-type:jwt-bearer&assertion=…}) and checks it as Google does: RS256 signed by the
 * account's key (verified with the PUBLIC key it was given), {@code aud} this endpoint, {@code
 * scope} with cloud-platform, {@code iat} not in the future and {@code exp} at most an hour later
 * and not past; else 400 {@code invalid_grant}. It issues tokens valid for 3599 s by its clock.
 *
 * <p>{@code POST /v1/projects/P/locations/L/publishers/google/models/M:generateContent} (and {@code
 * :streamGenerateContent?alt=sse}, {@code :countTokens}) want a bearer it issued and not expired
 * (else 401 {@code UNAUTHENTICATED}), the project of that token's account (else 403 {@code
 * PERMISSION_DENIED}) and the account's location (else 404). {@code
 * /v1/publishers/google/models/M:…} wants an API key it knows in {@code x-goog-api-key} (else
 * Google's 400 {@code API_KEY_INVALID}).
 */
public final class FakeVertex implements AutoCloseable {
  private static final Pattern MODEL_PATH =
      Pattern.compile(
          "/v1/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):(\\w+)");

  private static final Pattern KEY_PATH =
      Pattern.compile("/v1/publishers/google/models/([^/:]+):(\\w+)");

  private record Account(PublicKey key, String project, String location) {}

  private record Issued(String email, Instant expires) {}

  private final LoopbackJetty server;
  private final Clock clock;
  private final FakeGeminiModels models =
      new FakeGeminiModels(
          Set.of("gemini-2.5-flash", "gemini-2.5-pro"),
          Set.of(
              "contents",
              "systemInstruction",
              "system_instruction",
              "tools",
              "generationConfig",
              "instances",
              "model"),
          false);
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger mints = new AtomicInteger();
  private final AtomicInteger refusedGrants = new AtomicInteger();
  private volatile java.time.Duration tokenDelay = java.time.Duration.ZERO;

  private FakeVertex(Clock clock) throws Exception {
    this.clock = clock;
    server = LoopbackJetty.start("fake-vertex", this::serve);
  }

  /** A fake whose token checks and expiries read {@code clock}. */
  public static FakeVertex start(Clock clock) throws Exception {
    return new FakeVertex(clock);
  }

  /** The host, for a file's {@code base_url} or {@code endpoints.vertex.api}. */
  public String baseUrl() {
    return server.origin();
  }

  /** The token endpoint, for a key's {@code token_uri}. */
  public String tokenUri() {
    return server.origin() + "/token";
  }

  /** Knows a service account by its public key, with the project and location it may call. */
  public FakeVertex acceptServiceAccount(
      String email, PublicKey key, String project, String location) {
    accounts.put(email, new Account(key, project, location));
    return this;
  }

  /** Accepts this API key ({@code x-goog-api-key}) on {@code /v1/publishers/google/models}. */
  public FakeVertex acceptApiKey(String key) {
    apiKeys.add(key);
    return this;
  }

  /** Answers token requests only after this long (so that callers pile up). */
  public FakeVertex slowTokens(java.time.Duration delay) {
    tokenDelay = delay;
    return this;
  }

  /** How many tokens it issued. */
  public int mints() {
    return mints.get();
  }

  /** How many grants it refused. */
  public int refusedGrants() {
    return refusedGrants.get();
  }

  /** Every model request, in order. */
  public List<FakeGeminiModels.Received> received() {
    return models.received();
  }

  private void serve(Request request, Response response) throws IOException {
    String path = Request.getPathInContext(request);
    if (path.equals("/token")) {
      token(request, response);
      return;
    }
    FakeGeminiModels.Received r = models.read(request);
    Matcher byKey = KEY_PATH.matcher(r.path());
    if (byKey.matches()) {
      String key = r.header("x-goog-api-key");
      if (key == null || !apiKeys.contains(key) || r.query().contains("key=")) {
        FakeGeminiModels.json(response, 400, FakeGeminiApi.invalidKey());
        return;
      }
      models.answer(r, new FakeGeminiModels.Call(byKey.group(1), byKey.group(2)), "v1", response);
      return;
    }
    Matcher m = MODEL_PATH.matcher(r.path());
    if (!request.getMethod().equals("POST") || !m.matches()) {
      FakeGeminiModels.error(response, 404, "NOT_FOUND", "Not Found: " + r.path());
      return;
    }
    String auth = r.header("authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      FakeGeminiModels.error(
          response,
          401,
          "UNAUTHENTICATED",
          "Request is missing required authentication credential. Expected OAuth 2 access token,"
              + " login cookie or other valid authentication credential.");
      return;
    }
    Issued token = issued.get(auth.substring(7));
    if (token == null || !clock.instant().isBefore(token.expires())) {
      FakeGeminiModels.error(
          response,
          401,
          "UNAUTHENTICATED",
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
              + " cookie or other valid authentication credential.");
      return;
    }
    FakeGeminiModels.Call call = new FakeGeminiModels.Call(m.group(3), m.group(4));
    Account account = accounts.get(token.email());
    if (!account.project().equals(m.group(1))) {
      FakeGeminiModels.error(
          response,
          403,
          "PERMISSION_DENIED",
          "Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis"
              + ".com/projects/"
              + m.group(1)
              + "' (or it may not exist).");
      return;
    }
    if (!account.location().equals(m.group(2))) {
      FakeGeminiModels.error(
          response,
          404,
          "NOT_FOUND",
          "Publisher Model `projects/"
              + m.group(1)
              + "/locations/"
              + m.group(2)
              + "/publishers/google/models/"
              + call.model()
              + "` not found.");
      return;
    }
    models.answer(r, call, "v1", response);
  }

  private void token(Request request, Response response) throws IOException {
    try {
      Thread.sleep(tokenDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String form =
        new String(
            org.eclipse.jetty.io.Content.Source.asInputStream(request).readAllBytes(),
            StandardCharsets.UTF_8);
    Map<String, String> fields = new HashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type"))) {
      grantError(
          response, "unsupported_grant_type", "Invalid grant_type: " + fields.get("grant_type"));
      return;
    }
    String problem = grantProblem(fields.getOrDefault("assertion", ""));
    if (problem != null) {
      grantError(response, "invalid_grant", problem);
      return;
    }
    JsonNode claims = claims(fields.get("assertion"));
    String token = "ya29.fake-vertex-" + mints.incrementAndGet();
    issued.put(token, new Issued(claims.path("iss").asText(), clock.instant().plusSeconds(3599)));
    ObjectNode answer =
        FakeGeminiModels.JSON
            .createObjectNode()
            .put("access_token", token)
            .put("expires_in", 3599)
            .put("token_type", "Bearer");
    FakeGeminiModels.json(response, 200, answer);
  }

  /** Why Google would refuse the assertion, or null. */
  private String grantProblem(String assertion) {
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.";
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = FakeGeminiModels.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = claims(assertion);
    } catch (IOException | IllegalArgumentException e) {
      return "Invalid JWT: cannot be decoded.";
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      return "Invalid JWT: alg must be RS256.";
    }
    Account account = accounts.get(claims.path("iss").asText());
    if (account == null) {
      return "Invalid JWT Signature.";
    }
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(account.key());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return "Invalid JWT Signature.";
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "Invalid JWT Signature.";
    }
    if (!tokenUri().equals(claims.path("aud").asText())) {
      return "Invalid JWT: Failed audience check.";
    }
    if (!claims.path("scope").asText().contains("https://www.googleapis.com/auth/cloud-platform")) {
      return "Invalid OAuth scope or ID token audience provided.";
    }
    long now = clock.instant().getEpochSecond();
    long iat = claims.path("iat").asLong(-1);
    long exp = claims.path("exp").asLong(-1);
    if (iat < 0 || exp < 0 || iat > now + 60 || exp <= now || exp - iat > 3600) {
      return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
          + " timeframe. Check your iat and exp values in the JWT claim.";
    }
    return null;
  }

  private static JsonNode claims(String assertion) throws IOException {
    return FakeGeminiModels.JSON.readTree(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]));
  }

  private void grantError(Response response, String error, String description) throws IOException {
    refusedGrants.incrementAndGet();
    FakeGeminiModels.json(
        response,
        400,
        FakeGeminiModels.JSON
            .createObjectNode()
            .put("error", error)
            .put("error_description", description));
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
