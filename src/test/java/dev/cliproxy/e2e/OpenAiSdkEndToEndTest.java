package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server driven by the official OpenAI Java SDK, in front of two fake OpenAI-compatible
 * upstreams.
 */
class OpenAiSdkEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  FakeOpenAiUpstream alpha;
  FakeOpenAiUpstream beta;
  RunningProxy proxy;
  OpenAIClient client;

  @BeforeEach
  void start() throws Exception {
    alpha = FakeOpenAiUpstream.start("alpha");
    beta = FakeOpenAiUpstream.start("beta");
    proxy = RunningProxy.start(dir, config(""));
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(proxy.baseUrl() + "/v1")
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
  }

  private String config(String extraBetaModels) {
    return """
    api-keys: [proxy-key]
    openai-compatibility:
      - name: Alpha
        base-url: %s
        api-key-entries:
          - api-key: alpha-1
          - api-key: alpha-2
        models:
          - name: alpha-large
            alias: smart
          - name: gpt-test
      - name: Beta
        base-url: %s
        api-keys: [beta-1]
        models:
          - name: beta-model
    %s\
    """
        .formatted(alpha.baseUrl(), beta.baseUrl(), extraBetaModels);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    alpha.close();
    beta.close();
  }

  private static ChatCompletionCreateParams.Builder chat(String model, String text) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
  }

  @Test
  void nonStreamingChatReachesTheUpstreamAndComesBack() {
    ChatCompletion answer = client.chat().completions().create(chat("gpt-test", "hello").build());

    assertThat(answer.choices().get(0).message().content()).hasValue("echo: hello");
    assertThat(answer.usage().orElseThrow().totalTokens()).isEqualTo(18);
    FakeOpenAiUpstream.Received seen = alpha.received().get(0);
    assertThat(seen.path()).isEqualTo("/v1/chat/completions");
    assertThat(seen.body().path("model").asText()).isEqualTo("gpt-test");
    assertThat(seen.header("authorization")).isIn("Bearer alpha-1", "Bearer alpha-2");
  }

  @Test
  void streamingChatArrivesDeltaByDeltaWithUsage() {
    StringBuilder text = new StringBuilder();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                chat("gpt-test", "stream me please")
                    .streamOptions(
                        com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                            .includeUsage(true)
                            .build())
                    .build())) {
      stream.stream().forEach(chunks::add);
    }
    chunks.forEach(
        c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));

    assertThat(text.toString()).isEqualTo("echo: stream me please");
    assertThat(chunks.size()).isGreaterThan(5);
    assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
    assertThat(alpha.received().get(0).body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void parallelToolCallsKeepTheirIdsWithAndWithoutStreaming() {
    ChatCompletionCreateParams params =
        chat("gpt-test", "weather and time in Paris?")
            .addFunctionTool(function("get_weather"))
            .addFunctionTool(function("get_time"))
            .build();

    ChatCompletion answer = client.chat().completions().create(params);
    List<ChatCompletionMessageFunctionToolCall> calls =
        answer.choices().get(0).message().toolCalls().orElseThrow().stream()
            .map(c -> c.asFunction())
            .toList();
    assertThat(calls)
        .extracting(c -> c.id() + "/" + c.function().name())
        .containsExactly("call_alpha_0/get_weather", "call_alpha_1/get_time");
    assertThat(answer.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);

    List<String> streamed = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .flatMap(c -> c.choices().stream())
          .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
          .forEach(
              t -> streamed.add(t.id().orElse("") + "/" + t.function().get().name().orElse("")));
    }
    assertThat(streamed).containsExactly("call_alpha_0/get_weather", "call_alpha_1/get_time");
    assertThat(alpha.received().get(0).body().path("tools")).hasSize(2);
  }

  private static FunctionDefinition function(String name) {
    return FunctionDefinition.builder()
        .name(name)
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .build())
        .build();
  }

  @Test
  void legacyCompletionsAreServedOverTheChatUpstream() {
    CompletionCreateParams params =
        CompletionCreateParams.builder()
            .model(CompletionCreateParams.Model.of("gpt-test"))
            .prompt("finish this")
            .maxTokens(16)
            .build();

    Completion answer = client.completions().create(params);
    assertThat(answer.choices().get(0).text()).isEqualTo("echo: finish this");
    assertThat(alpha.received().get(0).body().path("messages").get(0).path("content").asText())
        .isEqualTo("finish this");

    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<Completion> stream = client.completions().createStreaming(params)) {
      stream.stream().forEach(c -> c.choices().forEach(choice -> streamed.append(choice.text())));
    }
    assertThat(streamed.toString()).isEqualTo("echo: finish this");
  }

  @Test
  void modelListShowsEveryUpstreamModelUnderTheNameClientsUse() {
    List<String> ids = client.models().list().data().stream().map(Model::id).toList();

    assertThat(ids).containsExactlyInAnyOrder("smart", "gpt-test", "beta-model");
  }

  @Test
  void anAliasIsSentUpstreamUnderTheUpstreamName() {
    ChatCompletion answer = client.chat().completions().create(chat("smart", "hi").build());

    assertThat(answer.choices().get(0).message().content()).hasValue("echo: hi");
    assertThat(alpha.received().get(0).body().path("model").asText()).isEqualTo("alpha-large");
  }

  @Test
  void keysOfAnUpstreamAreUsedInTurn() {
    for (int i = 0; i < 4; i++) {
      client.chat().completions().create(chat("gpt-test", "hi " + i).build());
    }

    assertThat(alpha.received())
        .extracting(r -> r.header("authorization"))
        .containsExactlyInAnyOrder(
            "Bearer alpha-1", "Bearer alpha-2", "Bearer alpha-1", "Bearer alpha-2");
  }

  @Test
  void aKeyAnswering429IsSkippedAndTheRequestSucceedsWithTheNext() {
    alpha.failFor(
        "alpha-1",
        429,
        Map.of("Retry-After", "120"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");

    for (int i = 0; i < 4; i++) {
      ChatCompletion answer = client.chat().completions().create(chat("gpt-test", "x" + i).build());
      assertThat(answer.choices().get(0).message().content()).hasValue("echo: x" + i);
    }

    long rejected =
        alpha.received().stream()
            .filter(r -> r.header("authorization").equals("Bearer alpha-1"))
            .count();
    assertThat(rejected)
        .as("alpha-1 rests after its 429 instead of being asked again")
        .isEqualTo(1);
  }

  @Test
  void whenEveryKeyIsCoolingDownTheClientGets429WithRetryAfter() {
    alpha.failFor(
        "alpha-1", 429, Map.of("Retry-After", "90"), "{\"error\":{\"message\":\"slow down\"}}");
    alpha.failFor(
        "alpha-2", 429, Map.of("Retry-After", "30"), "{\"error\":{\"message\":\"slow down\"}}");

    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-test", "x").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.headers().values("Retry-After")).containsExactly("30");
              assertThat(e.code()).hasValue("model_cooldown");
            });
  }

  @Test
  void anUnknownModelIsA404ThatListsWhatIsAvailable() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-nope", "x").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.code()).hasValue("model_not_found");
              assertThat(e.getMessage()).contains("gpt-nope", "smart", "gpt-test", "beta-model");
            });
  }

  @Test
  void aClientHangingUpMidStreamStopsTheUpstreamStream() {
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gpt-test", "slow-stream").build())) {
      Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
      for (int i = 0; i < 3; i++) {
        assertThat(chunks.hasNext()).isTrue();
        chunks.next();
      }
      assertThat(alpha.streamsActive()).isEqualTo(1);
    }

    assertThat(eventually(WAIT, () -> alpha.streamsCancelled() == 1))
        .as("the fake upstream sees its stream cancelled")
        .isTrue();
    assertThat(alpha.streamsCompleted()).isZero();
  }

  @Test
  void anEditedConfigIsPickedUpWhileRunning() throws Exception {
    proxy.rewriteConfig(
        config(
            """
              - name: Gamma
                base-url: %s
                models:
                  - name: gamma-model
                    alias: fresh
            """
                .formatted(beta.baseUrl())));

    assertThat(
            eventually(
                WAIT,
                () -> client.models().list().data().stream().anyMatch(m -> m.id().equals("fresh"))))
        .isTrue();
    ChatCompletion answer = client.chat().completions().create(chat("fresh", "new").build());
    assertThat(answer.choices().get(0).message().content()).hasValue("echo: new");
    assertThat(beta.received().get(0).body().path("model").asText()).isEqualTo("gamma-model");
  }

  @Test
  void anInvalidEditIsIgnoredAndTheOldConfigKeepsServing() throws Exception {
    proxy.writeRaw("port: [not, a, number\nopenai-compatibility: {}\n");
    // a valid edit after it proves the watcher saw the file change and is still alive
    Thread.sleep(500);
    assertThat(client.chat().completions().create(chat("gpt-test", "still").build()).choices())
        .extracting(c -> c.message().content().orElse(""))
        .containsExactly("echo: still");

    proxy.rewriteConfig(config("").replace("alias: smart", "alias: clever"));
    assertThat(
            eventually(
                WAIT,
                () ->
                    client.models().list().data().stream().anyMatch(m -> m.id().equals("clever"))))
        .isTrue();
  }
}
