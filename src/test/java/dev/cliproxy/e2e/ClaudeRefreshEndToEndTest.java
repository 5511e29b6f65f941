package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeClaudeAuth;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Claude account whose access token has expired is refreshed through the credential engine. */
class ClaudeRefreshEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  FakeClaudeAuth auth;
  FakeClaudeUpstream upstream;
  RunningProxy proxy;
  Path file;
  String firstRefreshToken;

  @BeforeEach
  void start() throws Exception {
    auth = FakeClaudeAuth.start("me@example.com");
    auth.emailInRefresh(false);
    upstream = FakeClaudeUpstream.start().acceptOAuthTokensStartingWith("sk-ant-oat01-fake-");
    firstRefreshToken = auth.issueRefreshToken();
    file = Files.createDirectories(dir.resolve("auth")).resolve("claude-me@example.com.json");
    Files.writeString(
        file,
        "{\"id_token\":\"\",\"access_token\":\"sk-ant-oat01-expired\",\"refresh_token\":\""
            + firstRefreshToken
            + "\",\"last_refresh\":\"2026-01-01T00:00:00Z\",\"email\":\"me@example.com\","
            + "\"type\":\"claude\",\"expired\":\"2026-01-01T08:00:00Z\"}\n");
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  claude:\n    api: "
                + upstream.baseUrl()
                + "\n    token: "
                + auth.tokenUrl()
                + "\n    authorize: "
                + auth.authorizeUrl()
                + "\n",
            ProxyWiring.standard().withRefreshTick(Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
    auth.close();
  }

  @Test
  void anExpiredAccountIsRefreshedSavedAndUsed() throws Exception {
    assertThat(RunningProxy.eventually(Duration.ofSeconds(10), () -> !auth.tokenCalls().isEmpty()))
        .isTrue();
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return Files.readString(file).contains("sk-ant-oat01-fake-");
                  } catch (java.io.IOException e) {
                    return false;
                  }
                }))
        .isTrue();

    HttpResponse<String> answer =
        proxy.send(
            proxy.post(
                "/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(upstream.last().header("authorization")).startsWith("Bearer sk-ant-oat01-fake-");
    JsonNode saved = JSON.readTree(Files.readAllBytes(file));
    assertThat(saved.get("refresh_token").asText()).isNotEqualTo(firstRefreshToken);
    assertThat(saved.get("email").asText()).isEqualTo("me@example.com");
    assertThat(auth.tokenCalls().get(0).body().get("grant_type").asText())
        .isEqualTo("refresh_token");
  }
}
