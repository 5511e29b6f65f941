package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static dev.cliproxy.testing.SdkTurns.claudeTool;
import static dev.cliproxy.testing.SdkTurns.genaiTools;
import static dev.cliproxy.testing.SdkTurns.replyToTool;
import static dev.cliproxy.testing.SdkTurns.responsesTool;
import static dev.cliproxy.testing.SdkTurns.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ChatGPT account in the auth directory serving every client dialect through the Codex backend:
 * the official OpenAI (chat and Responses), Anthropic and Google Gen AI SDKs, streaming and not,
 * with a tool round trip each, against a fake backend that refuses requests without the account's
 * headers or with the wrong body rules, or with reasoning items whose encrypted content it did not
 * issue.
 */
class CodexEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "gpt-5-codex";
  private static final String TOKEN = "at-e2e";
  static final String ACCOUNT = "acct-e2e";

  @TempDir Path dir;
  FakeCodexBackend backend;
  FakeOpenAiAuth auth;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    backend = FakeCodexBackend.start();
    backend.acceptAccessToken(TOKEN, ACCOUNT);
    auth = FakeOpenAiAuth.start();
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        authDir.resolve("codex-e2e@example.com.json"),
        accountFile(TOKEN, "rt-e2e", Instant.now().plus(Duration.ofDays(30))));
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  codex:\n    api: "
                + backend.baseUrl()
                + "\n    auth: "
                + auth.baseUrl()
                + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    backend.close();
    auth.close();
  }

  static String accountFile(String accessToken, String refreshToken, Instant expires) {
    return JSON.createObjectNode()
        .put(
            "id_token",
            FakeOpenAiAuth.idToken(new FakeOpenAiAuth.Identity("e2e@example.com", ACCOUNT, "pro")))
        .put("access_token", accessToken)
        .put("refresh_token", refreshToken)
        .put("account_id", ACCOUNT)
        .put("last_refresh", "2026-01-01T00:00:00Z")
        .put("email", "e2e@example.com")
        .put("type", "codex")
        .put("expired", expires.toString())
        .toString();
  }

  /** Every request reached the backend's URL with the account's headers and the body rules. */
  private void assertEveryRequestWasACodexRequest(int expected) {
    assertThat(backend.rejections()).isEmpty();
    List<FakeCodexBackend.Received> seen = backend.received();
    assertThat(seen).hasSize(expected);
    for (FakeCodexBackend.Received r : seen) {
      assertThat(r.path()).isEqualTo(FakeCodexBackend.PATH);
      assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(r.header("chatgpt-account-id")).isEqualTo(ACCOUNT);
      assertThat(r.header("originator")).isNotBlank();
      assertThat(r.header("session_id")).isNotBlank();
      assertThat(r.header("accept")).isEqualTo("text/event-stream");
      assertThat(r.body().path("model").asText()).isEqualTo(MODEL);
      assertThat(r.body().path("stream").asBoolean()).isTrue();
      assertThat(r.body().path("store").asBoolean(true)).isFalse();
      assertThat(r.body().path("include").toString()).contains("reasoning.encrypted_content");
      assertThat(r.body().has("instructions")).isFalse();
      assertThat(r.body().has("previous_response_id")).isFalse();
    }
  }

  private OpenAIClient openai() {
    return OpenAIOkHttpClient.builder()
        .baseUrl(proxy.baseUrl() + "/v1")
        .apiKey("proxy-key")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  // ---- OpenAI chat completions -------------------------------------------------------------

  private static FunctionDefinition chatFunction(String name) {
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
  void openAiChatWithAndWithoutStreamingAndAToolRoundTrip() {
    OpenAIClient client = openai();
    try {
      ChatCompletion hello =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionCreateParams.builder()
                      .model(MODEL)
                      .addSystemMessage("Be brief.")
                      .addUserMessage("hello")
                      .build());
      assertThat(hello.choices().get(0).message().content()).hasValue("echo: hello");
      assertThat(hello.usage().orElseThrow().promptTokens()).isEqualTo(11);
      assertThat(hello.usage().orElseThrow().completionTokens()).isEqualTo(7);

      StringBuilder streamed = new StringBuilder();
      try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
          client
              .chat()
              .completions()
              .createStreaming(
                  ChatCompletionCreateParams.builder()
                      .model(MODEL)
                      .addUserMessage("stream please")
                      .build())) {
        stream.stream()
            .flatMap(c -> c.choices().stream())
            .forEach(c -> c.delta().content().ifPresent(streamed::append));
      }
      assertThat(streamed.toString()).isEqualTo("echo: stream please");

      ChatCompletionCreateParams ask =
          ChatCompletionCreateParams.builder()
              .model(MODEL)
              .addUserMessage("weather in Paris?")
              .addFunctionTool(chatFunction("get_weather"))
              .build();
      ChatCompletion call = client.chat().completions().create(ask);
      List<ChatCompletionMessageFunctionToolCall> calls =
          call.choices().get(0).message().toolCalls().orElseThrow().stream()
              .map(c -> c.asFunction())
              .toList();
      assertThat(calls)
          .singleElement()
          .satisfies(c -> {
            assertThat(c.function().name()).isEqualTo("get_weather");
            assertThat(c.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
          });
      ChatCompletion answer =
          client
              .chat()
              .completions()
              .create(
                  ask.toBuilder()
                      .addMessage(call.choices().get(0).message())
                      .addMessage(
                          ChatCompletionToolMessageParam.builder()
                              .toolCallId(calls.get(0).id())
                              .content("sunny")
                              .build())
                      .build());
      assertThat(answer.choices().get(0).message().content()).hasValue("tool said: sunny");
    } finally {
      client.close();
    }

    assertEveryRequestWasACodexRequest(4);
    JsonNode first = backend.received().get(0).body();
    assertThat(first.path("input").get(0).path("role").asText())
        .as("the system prompt goes as a developer message, as the Codex CLI sends it")
        .isEqualTo("developer");
    JsonNode last = backend.received().get(3).body().path("input");
    assertThat(last.get(last.size() - 2).path("type").asText()).isEqualTo("function_call");
    assertThat(last.get(last.size() - 1).path("call_id").asText())
        .isEqualTo(last.get(last.size() - 2).path("call_id").asText());
  }

  // ---- OpenAI Responses --------------------------------------------------------------------

  @Test
  void openAiResponsesPassThroughWithAndWithoutStreamingAndAToolRoundTrip() {
    OpenAIClient client = openai();
    try {
      Response whole =
          client
              .responses()
              .create(
                  ResponseCreateParams.builder()
                      .model(MODEL)
                      .instructions("Be brief.")
                      .input("hello")
                      .maxOutputTokens(500L)
                      .build());
      assertThat(text(whole)).isEqualTo("echo: hello");
      assertThat(whole.status()).hasValue(ResponseStatus.COMPLETED);
      assertThat(whole.usage().orElseThrow().totalTokens()).isEqualTo(18);

      List<ResponseStreamEvent> events = new ArrayList<>();
      try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream =
          client
              .responses()
              .createStreaming(
                  ResponseCreateParams.builder().model(MODEL).input("stream please").build())) {
        stream.stream().forEach(events::add);
      }
      StringBuilder deltas = new StringBuilder();
      events.stream()
          .flatMap(e -> e.outputTextDelta().stream())
          .forEach(d -> deltas.append(d.delta()));
      assertThat(deltas.toString()).isEqualTo("echo: stream please");
      assertThat(events.get(events.size() - 1).isCompleted()).isTrue();

      ResponseCreateParams ask =
          ResponseCreateParams.builder()
              .model(MODEL)
              .input("weather in Paris?")
              .addTool(responsesTool("get_weather"))
              .build();
      Response call = client.responses().create(ask);
      List<ResponseFunctionToolCall> calls =
          call.output().stream().flatMap(i -> i.functionCall().stream()).toList();
      assertThat(calls)
          .singleElement()
          .satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(c.arguments()).isEqualTo("{\"city\":\"Paris\"}");
          });
      List<ResponseInputItem> history = new ArrayList<>();
      history.add(
          ResponseInputItem.ofEasyInputMessage(
              com.openai.models.responses.EasyInputMessage.builder()
                  .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                  .content("weather in Paris?")
                  .build()));
      history.add(ResponseInputItem.ofFunctionCall(calls.get(0)));
      history.add(
          ResponseInputItem.ofFunctionCallOutput(
              ResponseInputItem.FunctionCallOutput.builder()
                  .callId(calls.get(0).callId())
                  .output("sunny")
                  .build()));
      Response answer =
          client
              .responses()
              .create(
                  ResponseCreateParams.builder()
                      .model(MODEL)
                      .inputOfResponse(history)
                      .addTool(responsesTool("get_weather"))
                      .previousResponseId(call.id())
                      .build());
      assertThat(text(answer)).isEqualTo("tool said: sunny");
    } finally {
      client.close();
    }

    assertEveryRequestWasACodexRequest(4);
    JsonNode first = backend.received().get(0).body();
    assertThat(first.has("max_output_tokens")).isFalse();
    assertThat(first.path("input").get(0).toString())
        .isEqualTo(
            "{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"Be brief.\"}]}");
  }

  @Test
  void anEffortAliasReachesTheBackendAsModelAndEffort() throws Exception {
    HttpResponse<String> response =
        proxy.send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-5-codex-high\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer proxy-key"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode sent = backend.received().get(0).body();
    assertThat(sent.path("model").asText()).isEqualTo("gpt-5-codex");
    assertThat(sent.path("reasoning").path("effort").asText()).isEqualTo("high");
  }

  @Test
  void aNonStreamClientGetsAnErrorWhenTheBackendStreamStopsBeforeCompleted() throws Exception {
    backend.cutBeforeCompleted(true);
    HttpResponse<String> response =
        proxy.send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-5-codex\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer proxy-key"));

    assertThat(response.statusCode()).isEqualTo(408);
    assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
        .contains("stream closed before response.completed");
  }

  @Test
  void aUsageLimitRestsTheAccountUntilItsResetAndTheClientIsToldWhen() throws Exception {
    backend.refuseNext(
        429,
        "{\"error\":{\"type\":\"usage_limit_reached\",\"message\":\"The usage limit has been"
            + " reached\",\"plan_type\":\"plus\",\"resets_at\":"
            + (Instant.now().getEpochSecond() + 600)
            + "}}");
    String chat =
        "{\"model\":\"gpt-5-codex\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> refused =
        proxy.send(
            proxy.post("/v1/chat/completions", chat).header("Authorization", "Bearer proxy-key"));
    HttpResponse<String> resting =
        proxy.send(
            proxy.post("/v1/chat/completions", chat).header("Authorization", "Bearer proxy-key"));

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(resting.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(resting.body()).path("error").path("code").asText())
        .isEqualTo("model_cooldown");
    assertThat(Long.parseLong(resting.headers().firstValue("retry-after").orElseThrow()))
        .as("the account rests until resets_at")
        .isBetween(590L, 600L);
    assertThat(backend.received()).as("the resting account is not asked again").hasSize(1);
  }

  @Test
  void aCompletedEventWithoutOutputStillGivesTheWholeAnswer() {
    backend.emptyCompletedOutput(true);
    OpenAIClient client = openai();
    try {
      Response whole =
          client
              .responses()
              .create(ResponseCreateParams.builder().model(MODEL).input("hi").build());
      assertThat(text(whole)).isEqualTo("echo: hi");
      ChatCompletion chat =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("yo").build());
      assertThat(chat.choices().get(0).message().content()).hasValue("echo: yo");
    } finally {
      client.close();
    }
  }

  // ---- Anthropic ---------------------------------------------------------------------------

  @Test
  void anthropicMessagesWithAndWithoutStreamingAndAToolRoundTrip() {
    AnthropicClient client = anthropic();
    try {
      Message hello =
          client
              .messages()
              .create(
                  MessageCreateParams.builder()
                      .model(MODEL)
                      .maxTokens(256)
                      .system("Be brief.")
                      .addUserMessage("hello")
                      .build());
      assertThat(text(hello)).isEqualTo("echo: hello");
      assertThat(hello.stopReason()).hasValue(StopReason.END_TURN);
      assertThat(hello.usage().inputTokens()).isEqualTo(11);

      MessageAccumulator accumulator = MessageAccumulator.create();
      List<RawMessageStreamEvent> events = new ArrayList<>();
      try (StreamResponse<RawMessageStreamEvent> stream =
          client
              .messages()
              .createStreaming(
                  MessageCreateParams.builder()
                      .model(MODEL)
                      .maxTokens(256)
                      .addUserMessage("stream please")
                      .build())) {
        stream.stream().forEach(e -> events.add(accumulator.accumulate(e)));
      }
      assertThat(text(accumulator.message())).isEqualTo("echo: stream please");
      assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();

      MessageCreateParams ask =
          MessageCreateParams.builder()
              .model(MODEL)
              .maxTokens(256)
              .addUserMessage("weather in Paris?")
              .addTool(claudeTool("get_weather"))
              .build();
      MessageAccumulator toolStream = MessageAccumulator.create();
      try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask)) {
        stream.stream().forEach(toolStream::accumulate);
      }
      Message call = toolStream.message();
      assertThat(call.stopReason()).hasValue(StopReason.TOOL_USE);
      List<ToolUseBlock> uses = call.content().stream().flatMap(b -> b.toolUse().stream()).toList();
      assertThat(uses)
          .singleElement()
          .satisfies(u -> {
            assertThat(u.name()).isEqualTo("get_weather");
            assertThat(u._input().toString()).contains("Paris");
          });
      Message answer = replyToTool(client, ask, call, uses.get(0).id(), "sunny");
      assertThat(text(answer)).isEqualTo("tool said: sunny");
    } finally {
      client.close();
    }
    assertEveryRequestWasACodexRequest(4);
  }

  /**
   * Claude Code names MCP tools {@code mcp__<server>__<tool>}, often beyond the backend's 64
   * characters: the backend sees {@code mcp__<tool>}, the client its own name, in both turns.
   */
  @Test
  void anthropicLongMcpToolNamesAreShortenedForTheBackendAndRestoredStreamAndNot() {
    String longName =
        "mcp__claude-code-plugin-marketplace-filesystem-server-with-a-long-name"
            + "__read_multiple_files_with_line_numbers";
    String shortName = "mcp__read_multiple_files_with_line_numbers";
    assertThat(longName.length()).isGreaterThan(64);
    AnthropicClient client = anthropic();
    try {
      for (boolean stream : new boolean[] {false, true}) {
        MessageCreateParams ask =
            MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(256)
                .addUserMessage("weather in Paris?")
                .addTool(claudeTool(longName))
                .addTool(claudeTool("get_weather_" + stream))
                .toolChoice(
                    com.anthropic.models.messages.ToolChoiceTool.builder().name(longName).build())
                .build();
        Message call;
        if (stream) {
          MessageAccumulator accumulator = MessageAccumulator.create();
          try (StreamResponse<RawMessageStreamEvent> events =
              client.messages().createStreaming(ask)) {
            events.stream().forEach(accumulator::accumulate);
          }
          call = accumulator.message();
        } else {
          call = client.messages().create(ask);
        }
        JsonNode sent = backend.received().getLast().body();
        assertThat(sent.at("/tools/0/name").asText()).isEqualTo(shortName);
        assertThat(sent.at("/tools/1/name").asText()).isEqualTo("get_weather_" + stream);
        assertThat(sent.at("/tool_choice/name").asText()).isEqualTo(shortName);

        ToolUseBlock use =
            call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertThat(call.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(use.name()).isEqualTo(longName);

        Message answer = replyToTool(client, ask, call, use.id(), "sunny");
        assertThat(text(answer)).isEqualTo("tool said: sunny");
        JsonNode history = backend.received().getLast().body().path("input");
        assertThat(history.findValuesAsText("name")).containsExactly(shortName);
      }
    } finally {
      client.close();
    }
    assertEveryRequestWasACodexRequest(4);
  }

  @Test
  void anthropicThinkingBlocksCarryCodexEncryptedReasoningIntoTheNextTurnStreamAndNot() {
    AnthropicClient client = anthropic();
    try {
      for (boolean stream : new boolean[] {false, true}) {
        MessageCreateParams ask =
            MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(4096)
                .enabledThinking(2048)
                .addUserMessage("weather in Paris?")
                .addTool(claudeTool("get_weather"))
                .build();
        Message call;
        if (stream) {
          MessageAccumulator accumulator = MessageAccumulator.create();
          List<String> thinkingEvents = new ArrayList<>();
          try (StreamResponse<RawMessageStreamEvent> events =
              client.messages().createStreaming(ask)) {
            events.stream()
                .map(accumulator::accumulate)
                .forEach(e -> {
                  e.contentBlockDelta()
                      .filter(d -> d.index() == 0)
                      .ifPresent(d -> thinkingEvents.add(d.delta().isSignature() ? "sig" : "d"));
                  e.contentBlockStop()
                      .filter(d -> d.index() == 0)
                      .ifPresent(d -> thinkingEvents.add("stop"));
                });
          }
          // The encrypted reasoning arrives as a signature_delta just before the block stops.
          assertThat(thinkingEvents).endsWith("sig", "stop");
          call = accumulator.message();
        } else {
          call = client.messages().create(ask);
        }
        String issued = backend.issuedEncryptedContent().getLast();
        ThinkingBlock thinking = call.content().get(0).asThinking();
        assertThat(thinking.thinking()).isEqualTo("Thinking about weather in Paris?.");
        assertThat(thinking.signature()).isNotEmpty().isNotEqualTo(issued);
        ToolUseBlock use = call.content().get(1).asToolUse();

        // The fake refuses reasoning items whose encrypted content it did not issue.
        Message answer = replyToTool(client, ask, call, use.id(), "sunny");
        assertThat(text(answer)).isEqualTo("tool said: sunny");
        JsonNode reasoning = backend.received().getLast().body().path("input").get(1);
        assertThat(reasoning.path("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.path("encrypted_content").asText()).isEqualTo(issued);
        assertThat(reasoning.at("/summary/0/text").asText())
            .isEqualTo("Thinking about weather in Paris?.");
      }
    } finally {
      client.close();
    }
    assertEveryRequestWasACodexRequest(4);
  }

  // ---- Google Gen AI -----------------------------------------------------------------------

  @Test
  void geminiGenerateContentWithAndWithoutStreamingAndAFunctionRoundTrip() {
    GenerateContentConfig tools = genaiTools("get_weather");
    try (Client client =
        Client.builder()
            .apiKey("proxy-key")
            .vertexAI(false)
            .httpOptions(HttpOptions.builder().baseUrl(proxy.baseUrl()).build())
            .build()) {
      GenerateContentResponse hello = client.models.generateContent(MODEL, "hello", null);
      assertThat(hello.text()).isEqualTo("echo: hello");
      assertThat(hello.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);

      StringBuilder streamed = new StringBuilder();
      try (ResponseStream<GenerateContentResponse> stream =
          client.models.generateContentStream(MODEL, "stream please", null)) {
        stream.forEach(c -> streamed.append(c.text() == null ? "" : c.text()));
      }
      assertThat(streamed.toString()).isEqualTo("echo: stream please");

      Content question =
          Content.builder().role("user").parts(Part.fromText("weather in Paris?")).build();
      GenerateContentResponse call = client.models.generateContent(MODEL, question, tools);
      assertThat(call.functionCalls())
          .singleElement()
          .satisfies(c -> {
            assertThat(c.name()).hasValue("get_weather");
            assertThat(c.args().orElseThrow()).containsEntry("city", "Paris");
          });
      Content modelTurn = call.candidates().orElseThrow().get(0).content().orElseThrow();
      Content result =
          Content.builder()
              .role("user")
              .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "sunny")))
              .build();
      GenerateContentResponse answer =
          client.models.generateContent(MODEL, List.of(question, modelTurn, result), tools);
      assertThat(answer.text()).startsWith("tool said: ").contains("sunny");
    }
    assertEveryRequestWasACodexRequest(4);
  }

  // ---- Refresh -----------------------------------------------------------------------------

  @Test
  void anAccountNearExpiryIsRefreshedThroughTheAuthServerAndKeepsServing() throws Exception {
    Path file = proxy.authDir().resolve("codex-soon@example.com.json");
    auth.acceptRefreshToken("rt-soon");
    auth.identity(new FakeOpenAiAuth.Identity("soon@example.com", "acct-soon", "plus"));
    backend.acceptAccessToken("at_fake_1", "acct-soon");
    Files.writeString(
        file,
        accountFile("at-soon-stale", "rt-soon", Instant.now().plus(Duration.ofDays(1)))
            .replace("e2e@example.com", "soon@example.com")
            .replace(ACCOUNT, "acct-soon"));

    assertThat(
            eventually(
                Duration.ofSeconds(20),
                () -> {
                  try {
                    return JSON.readTree(file.toFile())
                        .path("refresh_token")
                        .asText()
                        .equals("rt_fake_1");
                  } catch (java.io.IOException e) {
                    return false;
                  }
                }))
        .as("the rotated refresh token is on disk")
        .isTrue();
    JsonNode refreshed = JSON.readTree(file.toFile());
    assertThat(refreshed.path("access_token").asText()).isEqualTo("at_fake_1");
    assertThat(refreshed.path("email").asText()).isEqualTo("soon@example.com");
    assertThat(auth.received("/oauth/token").get(0).form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "rt-soon");
  }

  /** anthropic-java pointed at the proxy, as Claude Code would be. */
  private AnthropicClient anthropic() {
    return AnthropicOkHttpClient.builder()
        .baseUrl(proxy.baseUrl())
        .apiKey("proxy-key")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }
}
