package dev.cliproxy.e2e;

import static dev.cliproxy.testing.SdkTurns.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.cliproxy.testing.FakeAntigravity;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI, Anthropic and Google SDKs, whole and streamed, through an Antigravity
 * account file to the fake Antigravity (which refuses anything outside its envelope and headers).
 */
class AntigravitySdkEndToEndTest {
  private static final String TOKEN = "ya29.sdk-antigravity";
  private static final String MODEL = "gemini-2.5-pro";

  @TempDir Path dir;
  FakeAntigravity antigravity;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    antigravity = FakeAntigravity.start().acceptTokensStartingWith(TOKEN).withProject("sdk-proj");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("antigravity-me@example.com.json"),
        "{\"access_token\":\""
            + TOKEN
            + "\",\"email\":\"me@example.com\",\"expired\":\"2099-01-01T00:00:00Z\","
            + "\"expires_in\":3599,\"project_id\":\"sdk-proj\",\"refresh_token\":\"1//unused\","
            + "\"timestamp\":1764583200000,\"type\":\"antigravity\"}\n");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  antigravity:\n    api: "
                + antigravity.baseUrl()
                + "\n    token: http://127.0.0.1:9/token\n");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    antigravity.close();
  }

  @Test
  void openAiSdkChatWholeAndStreamed() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(proxy.baseUrl() + "/v1")
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      ChatCompletionCreateParams ask =
          ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hello").build();
      assertThat(client.chat().completions().create(ask).choices().get(0).message().content())
          .hasValue("echo: hello");
      StringBuilder streamed = new StringBuilder();
      try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
          client.chat().completions().createStreaming(ask)) {
        stream.stream()
            .flatMap(chunk -> chunk.choices().stream())
            .forEach(choice -> choice.delta().content().ifPresent(streamed::append));
      }
      assertThat(streamed.toString()).isEqualTo("echo: hello");
    } finally {
      client.close();
    }
    assertThat(antigravity.modelCalls()).hasSize(2);
  }

  @Test
  void anthropicSdkWholeAndStreamed() {
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(proxy.baseUrl())
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      MessageCreateParams ask =
          MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage("hello").build();
      assertThat(text(client.messages().create(ask))).isEqualTo("echo: hello");
      MessageAccumulator accumulator = MessageAccumulator.create();
      try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask)) {
        stream.stream().forEach(accumulator::accumulate);
      }
      assertThat(text(accumulator.message())).isEqualTo("echo: hello");
    } finally {
      client.close();
    }
  }

  @Test
  void genaiSdkWholeAndStreamed() {
    try (Client client =
        Client.builder()
            .apiKey("proxy-key")
            .vertexAI(false)
            .httpOptions(HttpOptions.builder().baseUrl(proxy.baseUrl()).build())
            .build()) {
      assertThat(client.models.generateContent(MODEL, "hello", null).text())
          .isEqualTo("echo: hello");
      StringBuilder streamed = new StringBuilder();
      try (ResponseStream<GenerateContentResponse> stream =
          client.models.generateContentStream(MODEL, "hello", null)) {
        stream.forEach(r -> streamed.append(r.text() == null ? "" : r.text()));
      }
      assertThat(streamed.toString()).isEqualTo("echo: hello");
    }
    assertThat(antigravity.modelCalls())
        .allSatisfy(c -> assertThat(c.body().path("project").asText()).isEqualTo("sdk-proj"));
  }
}
