package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.oauth.AuthorizationCodeLogin;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Claude's OAuth token endpoint: exchanges a login's code for tokens and refreshes them, with JSON
 * bodies both ways. One attempt per call; the caller decides about retries.
 */
final class ClaudeTokenEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED = 200;

  private final URI url;
  private final HttpClient http;

  /**
   * @param url the token endpoint
   * @param http a started client, with the outbound proxy the config asks for
   */
  ClaudeTokenEndpoint(URI url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  /**
   * Exchanges an authorization code. A code copied from Anthropic's page as {@code code#state} has
   * already been split by the login.
   */
  ClaudeTokens exchange(AuthorizationCodeLogin.Grant grant)
      throws TokenCallFailure, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", grant.code());
    body.put("state", grant.state());
    body.put("grant_type", "authorization_code");
    body.put("client_id", ClaudeOAuth.CLIENT_ID);
    body.put("redirect_uri", grant.redirectUri());
    body.put("code_verifier", grant.pkce().verifier());
    return call(body);
  }

  /** Trades a refresh token for new tokens; Anthropic also sends a new refresh token. */
  ClaudeTokens refresh(String refreshToken) throws TokenCallFailure, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("client_id", ClaudeOAuth.CLIENT_ID);
    body.put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    return call(body);
  }

  private ClaudeTokens call(ObjectNode body) throws TokenCallFailure, InterruptedException {
    ContentResponse response;
    try {
      response =
          http.newRequest(url)
              .method(HttpMethod.POST)
              .headers(h -> h.put("Accept", "application/json"))
              .body(new BytesRequestContent("application/json", JSON.writeValueAsBytes(body)))
              .timeout(ClaudeOAuth.TOKEN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .send();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new TokenCallFailure(
          0,
          "",
          "Could not reach Claude's token endpoint "
              + url.getHost()
              + " ("
              + (cause == null ? "no answer" : cause.getClass().getSimpleName())
              + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + ")",
          cause);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    JsonNode answer = parse(response.getContent());
    if (response.getStatus() != 200) {
      String error = errorCode(answer);
      String description = errorDescription(answer);
      throw new TokenCallFailure(
          response.getStatus(),
          error,
          "Claude's token endpoint answered "
              + response.getStatus()
              + (error.isEmpty() ? "" : ": " + error)
              + (description.isEmpty() ? "" : " (" + description + ")"),
          null);
    }
    String access = answer == null ? "" : answer.path("access_token").asText("");
    if (access.isEmpty()) {
      throw new TokenCallFailure(
          200, "", "Claude's token endpoint answered without an access_token", null);
    }
    String email = answer.path("account").path("email_address").asText("");
    return new ClaudeTokens(
        access,
        answer.path("refresh_token").asText(""),
        answer.path("expires_in").asLong(0),
        email.isBlank() ? Optional.empty() : Optional.of(email));
  }

  private static JsonNode parse(byte[] content) {
    try {
      return content.length == 0 ? null : JSON.readTree(content);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The OAuth {@code error} string, or Anthropic's {@code error.type}. */
  private static String errorCode(JsonNode answer) {
    if (answer == null) {
      return "";
    }
    JsonNode error = answer.path("error");
    String code = error.isTextual() ? error.asText() : error.path("type").asText("");
    return quoted(code);
  }

  private static String errorDescription(JsonNode answer) {
    if (answer == null) {
      return "";
    }
    String text = answer.path("error_description").asText("");
    if (text.isEmpty()) {
      text = answer.path("error").path("message").asText("");
    }
    return quoted(text);
  }

  /** A short, single-line quote of a provider message. */
  private static String quoted(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "…";
  }
}
