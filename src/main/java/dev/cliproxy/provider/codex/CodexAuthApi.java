package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The calls the proxy makes to the OpenAI auth server (auth.openai.com or the configured {@code
 * endpoints.codex.auth}): the form-encoded code exchange and refresh of the Codex CLI's public
 * client, and the JSON device-code endpoints.
 */
public final class CodexAuthApi {
  /** The Codex CLI's registered public OAuth client (no secret). */
  public static final String CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";

  /** The scope a refresh asks for. */
  static final String REFRESH_SCOPE = "openid profile email";

  private static final int MAX_QUOTED = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A device-code answer still pending (403 or 404), or finished (2xx with the code). */
  sealed interface DevicePoll {
    /** The user has not entered the code yet. */
    record Pending() implements DevicePoll {}

    /** The user approved: exchange this code with this verifier. */
    record Approved(String authorizationCode, String codeVerifier) implements DevicePoll {
      @Override
      public String toString() {
        return "Approved[<hidden>]";
      }
    }
  }

  /**
   * The user code to show and what to poll with.
   *
   * @param deviceAuthId the id to poll with
   * @param userCode what the user types on the verification page
   * @param interval how often to poll
   */
  record DeviceCode(String deviceAuthId, String userCode, Duration interval) {}

  private final CodexEndpoints endpoints;
  private final HttpClient http;
  private final Duration timeout;

  /** One status and body from the auth server. */
  private record Answer(URI uri, int statusCode, String body) {}

  /**
   * @param http a started client that goes through the outbound proxy the config (or the account
   *     file) asks for
   */
  public CodexAuthApi(CodexEndpoints endpoints, HttpClient http, Duration timeout) {
    this.endpoints = endpoints;
    this.http = http;
    this.timeout = timeout;
  }

  /** A client on {@code http}, with a 30 s limit per call. */
  public static CodexAuthApi create(CodexEndpoints endpoints, HttpClient http) {
    return new CodexAuthApi(endpoints, http, Duration.ofSeconds(30));
  }

  public CodexEndpoints endpoints() {
    return endpoints;
  }

  /** Exchanges an authorization code (browser or device login) for tokens. */
  public CodexTokens exchange(String code, String codeVerifier, String redirectUri)
      throws TokenEndpointException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", CLIENT_ID);
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", codeVerifier);
    return tokens(form, "token exchange", List.of(code, codeVerifier));
  }

  /** Trades a refresh token for new tokens; OpenAI rotates the refresh token on every use. */
  public CodexTokens refresh(String refreshToken)
      throws TokenEndpointException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", CLIENT_ID);
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("scope", REFRESH_SCOPE);
    return tokens(form, "token refresh", List.of(refreshToken));
  }

  /** Device login, step 1. */
  DeviceCode requestDeviceCode() throws TokenEndpointException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("client_id", CLIENT_ID);
    Answer answer = postJson(endpoints.deviceUserCode(), body, "device code request");
    if (answer.statusCode() == 404) {
      throw new TokenEndpointException(
          404,
          "",
          "The Codex device login endpoint is unavailable (HTTP 404) at "
              + endpoints.deviceUserCode()
              + "; use --codex-login (with --no-browser on a headless machine) instead.",
          null);
    }
    JsonNode json = successJson(answer, "device code request", List.of());
    String deviceAuthId = json.path("device_auth_id").asText("");
    String userCode = json.path("user_code").asText(json.path("usercode").asText(""));
    if (deviceAuthId.isEmpty() || userCode.isEmpty()) {
      throw new TokenEndpointException(
          answer.statusCode(),
          "",
          "The device code answer lacks device_auth_id or user_code.",
          null);
    }
    return new DeviceCode(deviceAuthId, userCode, interval(json.get("interval")));
  }

  /** Device login, step 2: one poll. */
  DevicePoll pollDevice(DeviceCode code) throws TokenEndpointException, InterruptedException {
    ObjectNode body =
        JSON.createObjectNode()
            .put("device_auth_id", code.deviceAuthId())
            .put("user_code", code.userCode());
    Answer answer = postJson(endpoints.deviceToken(), body, "device token poll");
    if (answer.statusCode() == 403 || answer.statusCode() == 404) {
      return new DevicePoll.Pending();
    }
    JsonNode json = successJson(answer, "device token poll", List.of());
    String authorizationCode = json.path("authorization_code").asText("");
    String verifier = json.path("code_verifier").asText("");
    if (authorizationCode.isEmpty() || verifier.isEmpty()) {
      throw new TokenEndpointException(
          answer.statusCode(),
          "",
          "The device login answer lacks authorization_code or code_verifier.",
          null);
    }
    return new DevicePoll.Approved(authorizationCode, verifier);
  }

  private CodexTokens tokens(Map<String, String> form, String what, List<String> secrets)
      throws TokenEndpointException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    Answer answer = post(endpoints.token(), "application/x-www-form-urlencoded", body, what);
    JsonNode json = successJson(answer, what, secrets);
    try {
      return CodexTokens.from(json);
    } catch (IllegalArgumentException e) {
      throw new TokenEndpointException(
          answer.statusCode(), "", what + " failed: " + e.getMessage(), null);
    }
  }

  private Answer postJson(URI uri, JsonNode body, String what)
      throws TokenEndpointException, InterruptedException {
    return post(uri, "application/json", body.toString(), what);
  }

  private Answer post(URI uri, String contentType, String body, String what)
      throws TokenEndpointException, InterruptedException {
    try {
      ContentResponse response =
          http.newRequest(uri)
              .method(HttpMethod.POST)
              .headers(h -> h.put("Accept", "application/json"))
              .body(new StringRequestContent(contentType, body, StandardCharsets.UTF_8))
              .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .send();
      return new Answer(uri, response.getStatus(), response.getContentAsString());
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new TokenEndpointException(
          0,
          "",
          what
              + " failed: could not reach "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " ("
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + ")",
          cause);
    }
  }

  /** The answer's JSON when it is a 2xx JSON object; otherwise the provider's error, quoted. */
  private static JsonNode successJson(Answer answer, String what, List<String> secrets)
      throws TokenEndpointException {
    int status = answer.statusCode();
    JsonNode json;
    try {
      json = JSON.readTree(answer.body() == null ? "" : answer.body());
    } catch (IOException e) {
      json = null;
    }
    if (status / 100 == 2) {
      if (json == null || !json.isObject()) {
        // A 2xx body is never quoted: it may hold a token in a shape we did not expect.
        throw new TokenEndpointException(
            status, "", what + " failed: HTTP " + status + " with a body that is not JSON", null);
      }
      return json;
    }
    OAuthError error = OAuthError.of(json);
    String detail =
        error.code().isEmpty() && error.description().isEmpty()
            ? clip(json == null ? answer.body() : "")
            : error.code() + (error.description().isEmpty() ? "" : ": " + error.description());
    throw new TokenEndpointException(
        status,
        error.code(),
        redact(
            what + " failed with HTTP " + status + (detail.isEmpty() ? "" : ": " + detail),
            secrets),
        null);
  }

  /**
   * The error of an OAuth answer in either shape OpenAI uses: {@code {"error":"invalid_grant",
   * "error_description":"…"}} or {@code {"error":{"code":"refresh_token_reused","message":"…"}}}.
   */
  private record OAuthError(String code, String description) {
    static OAuthError of(JsonNode json) {
      if (json == null || !json.isObject()) {
        return new OAuthError("", "");
      }
      JsonNode error = json.path("error");
      if (error.isObject()) {
        String code = error.path("code").asText("");
        return new OAuthError(
            clip(code.isEmpty() ? error.path("type").asText("") : code),
            clip(error.path("message").asText("")));
      }
      return new OAuthError(
          clip(error.asText("")),
          clip(json.path("error_description").asText(json.path("message").asText(""))));
    }
  }

  private static Duration interval(JsonNode node) {
    long seconds = 0;
    if (node != null && node.isNumber()) {
      seconds = node.asLong();
    } else if (node != null && node.isTextual()) {
      try {
        seconds = Long.parseLong(node.asText().strip());
      } catch (NumberFormatException ignored) {
        // default below
      }
    }
    return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofSeconds(5);
  }

  private static String redact(String message, List<String> secrets) {
    String out = message;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "<redacted>");
      }
    }
    return out;
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    String t = text.strip();
    return t.length() <= MAX_QUOTED ? t : t.substring(0, MAX_QUOTED) + "…";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
