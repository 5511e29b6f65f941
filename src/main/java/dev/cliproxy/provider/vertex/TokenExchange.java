package dev.cliproxy.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Trades a service account's signed grant for an access token at its own {@code token_uri}: {@code
 * POST grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…}, answered {@code
 * {"access_token","expires_in","token_type"}}.
 */
final class TokenExchange {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A minted token and when it expires. */
  record Minted(String accessToken, Instant expires) {
    @Override
    public String toString() {
      return "Minted[<redacted>, expires " + expires + "]";
    }
  }

  private final HttpClient http;

  TokenExchange(HttpClient http) {
    this.http = http;
  }

  /** A client of its own (daemon threads, no proxy). */
  static TokenExchange standalone() {
    return new TokenExchange(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build());
  }

  /**
   * Mints a token for the account at {@code now}.
   *
   * @throws VertexTokenFailure when the endpoint cannot be reached or refuses, with its reason
   */
  Minted mint(ServiceAccount account, Instant now) {
    String form =
        "grant_type="
            + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
            + "&assertion="
            + JwtGrant.assertion(account, now);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(account.tokenUri()))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new VertexTokenFailure(
          "cannot reach the token endpoint for " + account.clientEmail() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VertexTokenFailure("interrupted minting a token for " + account.clientEmail(), e);
    }
    JsonNode body = json(answer.body());
    String token = body.path("access_token").asText("");
    if (answer.statusCode() != 200 || token.isEmpty()) {
      throw new VertexTokenFailure(
          "the token endpoint refused "
              + account.clientEmail()
              + " ("
              + answer.statusCode()
              + " "
              + body.path("error").asText("no access_token")
              + reason(body)
              + ")",
          null);
    }
    long seconds = body.path("expires_in").asLong(3600);
    return new Minted(token, now.plusSeconds(seconds));
  }

  private static String reason(JsonNode body) {
    String description = body.path("error_description").asText("");
    return description.isEmpty() ? "" : ": " + description;
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }
}
