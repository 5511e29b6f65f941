package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeAntigravity;
import dev.cliproxy.testing.FakeCodeAssist;
import dev.cliproxy.testing.FakeGoogleOAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Google account from an {@code antigravity-*.json} file (as {@code --antigravity-login} writes
 * it) serving OpenAI chat, Claude and Gemini clients, whole and streamed, through a fake
 * Antigravity that refuses a missing bearer or user agent, a body outside the envelope or without
 * Antigravity's fields, a project it does not know and a model under the wrong name. Every Google
 * address points at loopback.
 */
class AntigravityEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "ya29.e2e-antigravity";
  private static final String PROJECT = "bright-wave-1a2b3";

  @TempDir Path dir;
  FakeGoogleOAuth google;
  FakeAntigravity antigravity;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start("me@example.com");
    antigravity =
        FakeAntigravity.start()
            .acceptTokensStartingWith(TOKEN)
            .acceptTokensStartingWith(FakeGoogleOAuth.ACCESS_PREFIX)
            .withProject(PROJECT);
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    antigravity.close();
    google.close();
  }

  /** An account file in CLIProxyAPI's Antigravity layout. */
  private Path accountFile(String accessToken, String expired, String refresh) throws Exception {
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Path file = auth.resolve("antigravity-me@example.com.json");
    Files.writeString(
        file,
        "{\"access_token\":\""
            + accessToken
            + "\",\"email\":\"me@example.com\",\"expired\":\""
            + expired
            + "\",\"expires_in\":3599,\"project_id\":\""
            + PROJECT
            + "\",\"refresh_token\":\""
            + refresh
            + "\",\"timestamp\":1764583200000,\"type\":\"antigravity\"}\n");
    return file;
  }

  private void startProxy(ProxyWiring wiring) throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  antigravity:\n    api: "
                + antigravity.baseUrl()
                + "\n    token: "
                + google.tokenUrl()
                + "\n    setup: http://127.0.0.1:9\n"
                + "    authorize: http://127.0.0.1:9/o/oauth2/v2/auth\n"
                + "    userinfo: http://127.0.0.1:9/userinfo\n",
            wiring);
  }

  private void startProxy() throws Exception {
    startProxy(ProxyWiring.standard());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return proxy.send(proxy.post(path, body));
  }

  private void assertEveryModelCallLookedRight() {
    assertThat(antigravity.modelCalls()).isNotEmpty();
    for (FakeCodeAssist.Received call : antigravity.modelCalls()) {
      assertThat(call.header("authorization")).startsWith("Bearer ya29.");
      assertThat(call.header("user-agent")).isEqualTo("antigravity/1.11.5 windows/amd64");
      assertThat(call.header("x-goog-api-client")).isNull();
      JsonNode body = call.body();
      assertThat(body.path("project").asText()).isEqualTo(PROJECT);
      assertThat(body.path("userAgent").asText()).isEqualTo("antigravity");
      assertThat(body.path("requestType").asText()).isEqualTo("agent");
      assertThat(body.path("requestId").asText()).startsWith("agent-");
      assertThat(body.at("/request/sessionId").asText()).startsWith("-");
      assertThat(body.at("/request/safetySettings").isMissingNode()).isTrue();
      assertThat(body.at("/request/generationConfig/maxOutputTokens").isMissingNode()).isTrue();
    }
  }

  @Test
  void openAiChatClientWholeAndStreamed() throws Exception {
    accountFile(TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();

    HttpResponse<String> whole =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gemini-2.5-pro\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(whole.body());
    assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("echo: hello");
    assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(3);

    HttpResponse<String> streamed =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gemini-2.5-pro\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("echo: hello", "data: [DONE]");
    assertThat(antigravity.modelCalls())
        .extracting(FakeCodeAssist.Received::pathAndQuery)
        .containsExactly(
            "/v1internal:generateContent", "/v1internal:streamGenerateContent?alt=sse");
    assertEveryModelCallLookedRight();
  }

  @Test
  void claudeClientWholeAndStreamedWithTheAliasedModelName() throws Exception {
    accountFile(TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();
    String ask =
        "{\"model\":\"gemini-3-pro-preview\",\"max_tokens\":256,%s"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    HttpResponse<String> whole = post("/v1/messages", ask.formatted(""));
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode message = JSON.readTree(whole.body());
    assertThat(message.at("/content/0/text").asText()).isEqualTo("echo: hi there");

    HttpResponse<String> streamed = post("/v1/messages", ask.formatted("\"stream\":true,"));
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body())
        .contains("event: message_start", "echo: hi there", "event: message_stop");
    assertThat(antigravity.modelCalls())
        .extracting(c -> c.body().path("model").asText())
        .containsOnly("gemini-3-pro-high");
    assertEveryModelCallLookedRight();
  }

  @Test
  void geminiClientWholeAndStreamedGetsPlainGeminiAndCountingIsEstimated() throws Exception {
    accountFile(TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();
    String ask =
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hey\"}]}],"
            + "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\","
            + "\"threshold\":\"BLOCK_NONE\"}],\"generationConfig\":{\"maxOutputTokens\":64}}";

    HttpResponse<String> whole = post("/v1beta/models/gemini-2.5-flash:generateContent", ask);
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(whole.body());
    assertThat(answer.has("response")).isFalse();
    assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("echo: hey");

    HttpResponse<String> streamed =
        post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", ask);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("data: {", "echo: hey").doesNotContain("\"response\"");

    HttpResponse<String> counted = post("/v1beta/models/gemini-2.5-flash:countTokens", ask);
    assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
    assertThat(JSON.readTree(counted.body()).path("totalTokens").asInt()).isPositive();
    assertThat(antigravity.modelCalls()).hasSize(2);
    assertEveryModelCallLookedRight();
  }

  @Test
  void aPermissionDeniedRestsTheAccountAndSaysWhy() throws Exception {
    accountFile(TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();
    antigravity.answerNextWith(
        new FakeCodeAssist.Canned(
            403,
            "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\","
                + "\"status\":\"PERMISSION_DENIED\"}}"));
    String ask =
        "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    assertThat(post("/v1/chat/completions", ask).statusCode()).isEqualTo(403);
    HttpResponse<String> resting = post("/v1/chat/completions", ask);
    assertThat(resting.statusCode()).isNotEqualTo(200);
    assertThat(antigravity.modelCalls()).hasSize(1);
  }

  @Test
  void anExpiredAccountIsRefreshedWithAntigravitysClientSavedAndUsed() throws Exception {
    String refresh = google.issueRefreshToken(FakeGoogleOAuth.ANTIGRAVITY);
    Path file = accountFile("ya29.expired", "2026-01-01T00:00:00Z", refresh);
    startProxy(ProxyWiring.standard().withRefreshTick(Duration.ofMillis(100)));

    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return Files.readString(file).contains(FakeGoogleOAuth.ACCESS_PREFIX);
                  } catch (java.io.IOException e) {
                    return false;
                  }
                }))
        .isTrue();
    JsonNode saved = JSON.readTree(file.toFile());
    assertThat(saved.path("refresh_token").asText()).isEqualTo(refresh);
    assertThat(saved.path("project_id").asText()).isEqualTo(PROJECT);
    assertThat(saved.path("type").asText()).isEqualTo("antigravity");
    assertThat(google.tokenCalls().get(0).form())
        .containsEntry("client_id", FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID);

    HttpResponse<String> answer =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(antigravity.modelCalls().get(0).header("authorization"))
        .startsWith("Bearer " + FakeGoogleOAuth.ACCESS_PREFIX);
  }
}
