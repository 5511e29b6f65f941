package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeCodeAssist;
import dev.cliproxy.testing.FakeGoogleOAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Google account from a {@code gemini-*.json} file (as {@code --login} writes it) serving OpenAI
 * chat, Claude and Gemini clients, whole and streamed, through Code Assist: a fake that refuses a
 * missing bearer or Gemini CLI client headers, a body outside the {@code {model, project, request}}
 * envelope and a project it does not know. Every Google address points at loopback.
 */
class GeminiCliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "ya29.e2e-token";

  @TempDir Path dir;
  FakeGoogleOAuth google;
  FakeCodeAssist codeAssist;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start("me@example.com");
    codeAssist =
        FakeCodeAssist.start()
            .acceptTokensStartingWith(TOKEN)
            .acceptTokensStartingWith(FakeGoogleOAuth.ACCESS_PREFIX)
            .withProjects("proj-a", "proj-b");
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    codeAssist.close();
    google.close();
  }

  /** An account file in gemini-cli's layout, as {@code --login} saves it. */
  private Path accountFile(String projects, String accessToken, String expiry, String refresh)
      throws Exception {
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Path file =
        auth.resolve(
            "gemini-me@example.com-" + (projects.contains(",") ? "all" : projects) + ".json");
    Files.writeString(
        file,
        "{\"token\":{\"access_token\":\""
            + accessToken
            + "\",\"client_id\":\""
            + FakeGoogleOAuth.CLIENT_ID
            + "\",\"client_secret\":\""
            + FakeGoogleOAuth.CLIENT_SECRET
            + "\",\"expiry\":\""
            + expiry
            + "\",\"refresh_token\":\""
            + refresh
            + "\",\"token_type\":\"Bearer\",\"token_uri\":\"https://oauth2.googleapis.com/token\"},"
            + "\"project_id\":\""
            + projects
            + "\",\"email\":\"me@example.com\",\"auto\":false,\"checked\":true,\"type\":\"gemini\"}\n");
    return file;
  }

  private void startProxy(ProxyWiring wiring) throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  gemini-cli:\n    api: "
                + codeAssist.baseUrl()
                + "\n    token: "
                + google.tokenUrl()
                + "\n    authorize: http://127.0.0.1:9/o/oauth2/auth\n"
                + "    userinfo: http://127.0.0.1:9/userinfo\n"
                + "    projects: http://127.0.0.1:9\n    serviceusage: http://127.0.0.1:9\n",
            wiring);
  }

  private void startProxy() throws Exception {
    startProxy(ProxyWiring.standard());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return proxy.send(proxy.post(path, body));
  }

  private void assertEveryModelCallLookedRight(String project) {
    assertThat(codeAssist.modelCalls()).isNotEmpty();
    for (FakeCodeAssist.Received call : codeAssist.modelCalls()) {
      assertThat(call.header("authorization")).startsWith("Bearer ya29.");
      assertThat(call.header("user-agent")).isEqualTo("google-api-nodejs-client/9.15.1");
      assertThat(call.header("x-goog-api-client")).isEqualTo("gl-node/22.17.0");
      if (!call.pathAndQuery().contains("countTokens")) {
        assertThat(call.body().path("project").asText()).isEqualTo(project);
        assertThat(call.body().path("request").path("contents").isArray()).isTrue();
      }
    }
  }

  @Test
  void openAiChatClientWholeAndStreamed() throws Exception {
    accountFile("proj-a", TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();

    HttpResponse<String> whole =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(whole.body());
    assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("echo: hello");
    assertThat(answer.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(3);

    HttpResponse<String> streamed =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gemini-2.5-pro\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("echo: hello", "data: [DONE]");

    List<FakeCodeAssist.Received> calls = codeAssist.modelCalls();
    assertThat(calls)
        .extracting(FakeCodeAssist.Received::pathAndQuery)
        .containsExactly(
            "/v1internal:generateContent", "/v1internal:streamGenerateContent?alt=sse");
    assertThat(calls.get(0).body().path("model").asText()).isEqualTo("gemini-2.5-pro");
    assertEveryModelCallLookedRight("proj-a");
  }

  @Test
  void claudeClientWholeAndStreamed() throws Exception {
    accountFile("proj-a", TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();
    String ask =
        "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":256,%s"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    HttpResponse<String> whole = post("/v1/messages", ask.formatted(""));
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode message = JSON.readTree(whole.body());
    assertThat(message.at("/content/0/text").asText()).isEqualTo("echo: hi there");
    assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");

    HttpResponse<String> streamed = post("/v1/messages", ask.formatted("\"stream\":true,"));
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body())
        .contains("event: message_start", "echo: hi there", "event: message_stop");
    assertEveryModelCallLookedRight("proj-a");
  }

  @Test
  void geminiClientWholeStreamedAndCountedGetsPlainGemini() throws Exception {
    accountFile("proj-a", TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();
    String ask = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hey\"}]}]}";

    HttpResponse<String> whole = post("/v1beta/models/gemini-2.5-pro:generateContent", ask);
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(whole.body());
    assertThat(answer.has("response")).isFalse();
    assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("echo: hey");
    assertThat(answer.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(15);

    HttpResponse<String> streamed =
        post("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", ask);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("data: {", "echo: hey").doesNotContain("\"response\"");

    HttpResponse<String> counted = post("/v1beta/models/gemini-2.5-pro:countTokens", ask);
    assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
    assertThat(JSON.readTree(counted.body()).path("totalTokens").asInt()).isEqualTo(42);
    assertEveryModelCallLookedRight("proj-a");
  }

  @Test
  void aTwoProjectFileIsUsedInTurnAndA429RestsOnlyOneProject() throws Exception {
    accountFile("proj-a,proj-b", TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    startProxy();
    String ask =
        "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    assertThat(post("/v1/chat/completions", ask).statusCode()).isEqualTo(200);
    assertThat(post("/v1/chat/completions", ask).statusCode()).isEqualTo(200);
    assertThat(codeAssist.modelCalls())
        .extracting(c -> c.body().path("project").asText())
        .containsExactlyInAnyOrder("proj-a", "proj-b");

    codeAssist.answerNextWith(
        new FakeCodeAssist.Canned(
            429,
            "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"120s\"}]}}"));
    HttpResponse<String> failedOver = post("/v1/chat/completions", ask);
    assertThat(failedOver.statusCode()).as(failedOver.body()).isEqualTo(200);
    List<FakeCodeAssist.Received> calls = codeAssist.modelCalls();
    String refused = calls.get(2).body().path("project").asText();
    String served = calls.get(3).body().path("project").asText();
    assertThat(served).isNotEqualTo(refused);
    // The refused project rests for RetryInfo's two minutes: the next request goes to the other.
    assertThat(post("/v1/chat/completions", ask).statusCode()).isEqualTo(200);
    assertThat(codeAssist.modelCalls().get(4).body().path("project").asText()).isEqualTo(served);
  }

  @Test
  void anExpiredAccountIsRefreshedAtTheTokenEndpointSavedAndUsed() throws Exception {
    String refresh = google.issueRefreshToken();
    Path file = accountFile("proj-a", "ya29.expired", "2026-01-01T00:00:00Z", refresh);
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
    assertThat(saved.at("/token/refresh_token").asText()).isEqualTo(refresh);
    assertThat(saved.path("project_id").asText()).isEqualTo("proj-a");
    assertThat(google.tokenCalls().get(0).form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("client_secret", FakeGoogleOAuth.CLIENT_SECRET);

    HttpResponse<String> answer =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(codeAssist.modelCalls().get(0).header("authorization"))
        .startsWith("Bearer " + FakeGoogleOAuth.ACCESS_PREFIX);
  }

  @Test
  void aGeminiCliClientGetsTheEnvelopeBackAndTheFilesBaseUrlAndProjectWin() throws Exception {
    Path file = accountFile("proj-b", TOKEN, "2099-01-01T00:00:00Z", "1//unused");
    String json = Files.readString(file).trim();
    Files.writeString(
        file,
        json.substring(0, json.length() - 1)
            + ",\"base_url\":\""
            + codeAssist.baseUrl()
            + "/\"}\n");
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  gemini-cli:\n    api: http://127.0.0.1:9\n"
                + "    token: http://127.0.0.1:9/token\n");
    String ask =
        "{\"model\":\"gemini-2.5-flash\",\"project\":\"client-own-project\","
            + "\"user_prompt_id\":\"u1\",\"request\":{\"contents\":[{\"role\":\"user\","
            + "\"parts\":[{\"text\":\"yo\"}]}]}}";

    HttpResponse<String> whole = post("/v1internal:generateContent", ask);
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(
            JSON.readTree(whole.body()).at("/response/candidates/0/content/parts/0/text").asText())
        .isEqualTo("echo: yo");

    HttpResponse<String> streamed = post("/v1internal:streamGenerateContent?alt=sse", ask);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("data: {\"response\":", "echo: yo");
    assertEveryModelCallLookedRight("proj-b");
    assertThat(codeAssist.modelCalls().get(0).body().path("model").asText())
        .isEqualTo("gemini-2.5-flash");
  }
}
