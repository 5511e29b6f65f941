package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.testing.FakeGeminiApi;
import dev.cliproxy.testing.FakeGeminiModels;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole proxy in front of a fake generativelanguage through {@code gemini-api-key} entries: a
 * Gemini client (as google-genai sends it), an OpenAI chat client and a Claude client, whole and
 * streamed; token counting by the upstream; the key only ever in {@code x-goog-api-key}; a 429's
 * RetryInfo resting the key; a key Google calls invalid benched for good.
 */
class GeminiKeyEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "gemini-2.5-flash";

  @TempDir Path dir;
  FakeGeminiApi google;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    google = FakeGeminiApi.start(MODEL, "gemini-2.5-pro").acceptKey("key-1").acceptKey("key-2");
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    google.close();
  }

  private void startProxy(String keys) throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  gemini:\n    api: "
                + google.baseUrl()
                + "\n"
                + keys);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return proxy.send(proxy.post(path, body).header("Authorization", "Bearer proxy-key"));
  }

  private static final String GEMINI_BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}],"
          + "\"generationConfig\":{\"temperature\":0.2}}";

  @Test
  void aGeminiClientIsServedWholeStreamedAndCounted() throws Exception {
    startProxy("gemini-api-key:\n  - api-key: key-1\n    headers: {X-Team: blue}\n");

    HttpResponse<String> whole =
        proxy.send(
            proxy
                .post("/v1beta/models/" + MODEL + ":generateContent", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));
    HttpResponse<String> streamed =
        proxy.send(
            proxy
                .post("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));
    HttpResponse<String> counted =
        proxy.send(
            proxy
                .post(
                    "/v1beta/models/" + MODEL + ":countTokens",
                    "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"one two three\"}]}]}")
                .header("x-goog-api-key", "proxy-key"));

    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(JSON.readTree(whole.body()).at("/candidates/0/content/parts/0/text").asText())
        .isEqualTo("echo: hello there");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    assertThat(streamed.body()).contains("data: ").contains("hello there").contains("STOP");
    assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
    assertThat(JSON.readTree(counted.body()).path("totalTokens").asLong()).isEqualTo(3);
    List<FakeGeminiModels.Received> seen = google.received();
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0).path()).isEqualTo("/v1beta/models/" + MODEL + ":generateContent");
    assertThat(seen.get(1).path()).endsWith(":streamGenerateContent");
    assertThat(seen.get(1).query()).isEqualTo("alt=sse");
    assertThat(seen.get(2).path()).endsWith(":countTokens");
    for (FakeGeminiModels.Received r : seen) {
      assertThat(r.header("x-goog-api-key")).isEqualTo("key-1");
      assertThat(r.query()).doesNotContain("key");
      assertThat(r.header("x-team")).isEqualTo("blue");
    }
  }

  @Test
  void theGenaiSdkIsServedWholeStreamedAndCounted() throws Exception {
    startProxy("gemini-api-key:\n  - api-key: key-2\n");
    try (com.google.genai.Client client =
        com.google.genai.Client.builder()
            .apiKey("proxy-key")
            .vertexAI(false)
            .httpOptions(
                com.google.genai.types.HttpOptions.builder().baseUrl(proxy.baseUrl()).build())
            .build()) {
      assertThat(client.models.generateContent(MODEL, "hello sdk", null).text())
          .isEqualTo("echo: hello sdk");
      StringBuilder streamed = new StringBuilder();
      try (var stream = client.models.generateContentStream(MODEL, "stream sdk", null)) {
        stream.forEach(c -> streamed.append(c.text() == null ? "" : c.text()));
      }
      assertThat(streamed.toString()).isEqualTo("echo: stream sdk");
      assertThat(client.models.countTokens(MODEL, "three words here", null).totalTokens())
          .contains(3);
    }
    assertThat(google.received()).hasSize(3);
    assertThat(google.received())
        .allSatisfy(r -> assertThat(r.header("x-goog-api-key")).isEqualTo("key-2"));
  }

  @Test
  void openAiAndClaudeClientsAreTranslatedWholeAndStreamed() throws Exception {
    startProxy(
        "gemini-api-key:\n  - api-key: key-1\n    models: [{name: "
            + MODEL
            + ", alias: team-flash}]\n");
    for (boolean stream : new boolean[] {false, true}) {
      HttpResponse<String> chat =
          post(
              "/v1/chat/completions",
              "{\"model\":\"team-flash\",\"stream\":"
                  + stream
                  + ",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                  + "{\"role\":\"user\",\"content\":\"hi openai\"}]}");
      HttpResponse<String> claude =
          post(
              "/v1/messages",
              "{\"model\":\"team-flash\",\"max_tokens\":100,\"stream\":"
                  + stream
                  + ",\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":"
                  + "\"hi claude\"}]}");

      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
      if (stream) {
        assertThat(chat.body()).contains("data: ").contains("hi openai").contains("[DONE]");
        assertThat(claude.body()).contains("event: message_stop").contains("hi claude");
      } else {
        assertThat(JSON.readTree(chat.body()).at("/choices/0/message/content").asText())
            .isEqualTo("echo: hi openai");
        assertThat(JSON.readTree(claude.body()).at("/content/0/text").asText())
            .isEqualTo("echo: hi claude");
      }
    }
    for (FakeGeminiModels.Received r : google.received()) {
      assertThat(r.path()).contains("/models/" + MODEL + ":");
      assertThat(r.body().at("/systemInstruction/parts/0/text").asText()).isEqualTo("be brief");
    }
    HttpResponse<String> count =
        post(
            "/v1/messages/count_tokens",
            "{\"model\":\"team-flash\",\"system\":\"be brief\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"count these four words\"}]}");
    assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
    assertThat(JSON.readTree(count.body()).path("input_tokens").asLong())
        .as("counted by the upstream: system and message words")
        .isEqualTo(6);
  }

  @Test
  void aRetryInfoRestsTheKeyAndTheOtherKeyServes() throws Exception {
    startProxy(
        "gemini-api-key:\n  - api-key: key-1\ngenerative-language-api-key: [key-2, key-1]\n");
    google.exhaustNext("key-1", "120s");

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer =
          post(
              "/v1/chat/completions",
              "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    long key1 =
        google.received().stream().filter(r -> "key-1".equals(r.header("x-goog-api-key"))).count();
    assertThat(key1).as("key-1 was refused once and then rested").isEqualTo(1);
    CredentialStatus rested =
        proxy.app().gateway().pool().status().stream()
            .filter(s -> s.provider().equals("gemini") && !s.resting().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(rested.resting().get(0).hinted()).isTrue();
    assertThat(rested.resting().get(0).status()).isEqualTo(429);
  }

  @Test
  void aKeyGoogleCallsInvalidIsBenchedForGoodAndNeverInAnyAddress() throws Exception {
    startProxy("gemini-api-key:\n  - api-key: wrong-key\n  - api-key: key-2\n");

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer =
          post(
              "/v1/chat/completions",
              "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).doesNotContain("wrong-key");
    }

    assertThat(
            google.received().stream()
                .filter(r -> "wrong-key".equals(r.header("x-goog-api-key")))
                .count())
        .isEqualTo(1);
    CredentialStatus benched =
        proxy.app().gateway().pool().status().stream()
            .filter(s -> s.state() == CredentialStatus.State.DISABLED)
            .findFirst()
            .orElseThrow();
    assertThat(benched.disabledWhy()).contains("API_KEY_INVALID").doesNotContain("wrong-key");
    assertThat(benched.label()).doesNotContain("wrong-key");
  }

  @Test
  void anUnknownModelIsGooglesNotFound() throws Exception {
    startProxy("gemini-api-key:\n  - api-key: key-1\n    models: [{name: gemini-9-nope}]\n");

    HttpResponse<String> answer =
        proxy.send(
            proxy
                .post("/v1beta/models/gemini-9-nope:generateContent", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));

    assertThat(answer.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(answer.body()).path("error");
    assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
  }
}
