package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's refresh-token grant behaves as the refresh-engine tests rely on. */
class FakeOAuthServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeOAuthServer fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private HttpResponse<String> refresh(String refreshToken, String contentType) throws Exception {
    String body =
        FakeOAuthServer.formEncode(
            Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    return http.send(
        HttpRequest.newBuilder(fake.tokenUri())
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> refresh(String refreshToken) throws Exception {
    return refresh(refreshToken, "application/x-www-form-urlencoded");
  }

  @Test
  void refreshRotatesAndRejectsReuse() throws Exception {
    fake = FakeOAuthServer.start();
    FakeOAuthServer.Tokens first = fake.issueTokens();

    HttpResponse<String> answer = refresh(first.refreshToken());
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode tokens = JSON.readTree(answer.body());
    assertThat(tokens.path("access_token").asText())
        .isEqualTo(fake.currentAccessToken())
        .isNotEqualTo(first.accessToken());
    assertThat(tokens.path("refresh_token").asText())
        .isEqualTo(fake.currentRefreshToken())
        .isNotEqualTo(first.refreshToken());
    assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.path("expires_in").asLong()).isEqualTo(3600);

    HttpResponse<String> reuse = refresh(first.refreshToken());
    assertThat(reuse.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(reuse.body()).path("error").asText()).isEqualTo("invalid_grant");
    assertThat(fake.refreshCalls()).isEqualTo(2);
  }

  @Test
  void scriptedServerErrorsThenSuccessAndRefusal() throws Exception {
    fake = FakeOAuthServer.start();
    fake.issueTokens();
    fake.failNextRefreshes(2);

    assertThat(refresh(fake.currentRefreshToken()).statusCode()).isEqualTo(500);
    assertThat(refresh(fake.currentRefreshToken()).statusCode()).isEqualTo(500);
    assertThat(refresh(fake.currentRefreshToken()).statusCode()).isEqualTo(200);

    fake.refuseRefreshes();
    HttpResponse<String> refused = refresh(fake.currentRefreshToken());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"invalid_grant\"");
    assertThat(fake.refreshCalls()).isEqualTo(4);
  }

  @Test
  void rejectsNonFormBodiesAndHonoursDelay() throws Exception {
    fake = FakeOAuthServer.start();
    fake.issueTokens();
    HttpResponse<String> json = refresh(fake.currentRefreshToken(), "application/json");
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.body()).contains("invalid_request");

    fake.refreshDelay(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(refresh(fake.currentRefreshToken()).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(250));
  }
}
