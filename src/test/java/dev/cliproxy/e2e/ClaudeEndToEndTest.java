package dev.cliproxy.e2e;

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
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Claude subscription from a {@code claude-*.json} file in the auth directory serving the
 * official Anthropic, OpenAI (chat and Responses) and Google SDKs through the whole proxy, against
 * a fake Messages API that refuses anything Anthropic would (missing headers or OAuth beta, no
 * Claude Code system prompt, a thinking signature it never issued for that text, a thinking tool
 * loop without its signed thinking). Thinking with tools goes over two turns in every dialect.
 */
class ClaudeEndToEndTest {
  static final String TOKEN = "sk-ant-oat01-e2e-token";
  static final String MODEL = "claude-sonnet-4-5";

  @TempDir Path dir;
  FakeClaudeUpstream upstream;
  RunningProxy proxy;
  AnthropicClient anthropic;
  OpenAIClient openai;

  /** Starts the proxy with one Claude account whose file is already in the auth directory. */
  static RunningProxy withClaudeAccount(Path dir, FakeClaudeUpstream upstream) throws Exception {
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("claude-me@example.com.json"),
        "{\"id_token\":\"\",\"access_token\":\""
            + TOKEN
            + "\",\"refresh_token\":\"sk-ant-ort01-unused\",\"last_refresh\":\"2026-11-21T10:00:00Z\","
            + "\"email\":\"me@example.com\",\"type\":\"claude\",\"expired\":\"2099-01-01T00:00:00Z\"}\n");
    // Every Claude URL points at loopback: the fake API, and nothing at all for OAuth.
    return RunningProxy.start(
        dir,
        "api-keys: [proxy-key]\nendpoints:\n  claude:\n    api: "
            + upstream.baseUrl()
            + "\n    token: http://127.0.0.1:9/v1/oauth/token\n"
            + "    authorize: http://127.0.0.1:9/oauth/authorize\n");
  }

  @BeforeEach
  void start() throws Exception {
    upstream = FakeClaudeUpstream.start().acceptOAuthToken(TOKEN);
    proxy = withClaudeAccount(dir, upstream);
    anthropic = anthropic();
    openai = openai();
  }

  @AfterEach
  void stop() throws Exception {
    anthropic.close();
    openai.close();
    proxy.close();
    upstream.close();
  }

  private void assertEverySubscriptionCallLookedRight() {
    assertThat(upstream.received()).isNotEmpty();
    for (FakeClaudeUpstream.Received seen : upstream.received()) {
      assertThat(seen.header("authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(seen.betas()).contains("oauth-2025-04-20");
      assertThat(seen.header("anthropic-version")).isNotBlank();
      assertThat(seen.body().at("/system/0/text").asText())
          .isEqualTo(FakeClaudeUpstream.CLAUDE_CODE_PREFIX);
    }
  }

  // ---- anthropic-java ------------------------------------------------------------------------

  private AnthropicClient anthropic() {
    return AnthropicOkHttpClient.builder()
        .baseUrl(proxy.baseUrl())
        .apiKey("proxy-key")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static Message streamed(AnthropicClient client, MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  @Test
  void anthropicSdkTextAndToolsStreamAndNot() {
    {
      AnthropicClient client = anthropic;
      MessageCreateParams hello =
          MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage("hello").build();
      assertThat(text(client.messages().create(hello))).isEqualTo("echo: hello");
      assertThat(text(streamed(client, hello))).isEqualTo("echo: hello");

      MessageCreateParams ask =
          MessageCreateParams.builder()
              .model(MODEL)
              .maxTokens(256)
              .addTool(claudeTool("get_weather"))
              .addUserMessage("weather in Paris?")
              .build();
      for (Message answer : List.of(client.messages().create(ask), streamed(client, ask))) {
        assertThat(answer.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock use =
            answer.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("Paris");

        Message after = replyToTool(client, ask, answer, use.id(), "sunny");
        assertThat(text(after)).isEqualTo("echo: tool said sunny");
      }
    }
    assertEverySubscriptionCallLookedRight();
  }

  @Test
  void anthropicSdkThinkingSignaturesComeBackInTheNextTurn() {
    {
      AnthropicClient client = anthropic;
      for (boolean stream : new boolean[] {false, true}) {
        MessageCreateParams first =
            MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(4096)
                .enabledThinking(2048)
                .addUserMessage("think first")
                .build();
        Message answer = stream ? streamed(client, first) : client.messages().create(first);
        ContentBlock thinking = answer.content().get(0);
        assertThat(thinking.isThinking()).isTrue();
        String signature = thinking.asThinking().signature();
        assertThat(FakeClaudeUpstream.isIssuedSignature(signature)).isTrue();

        // The fake refuses a thinking block whose signature it did not issue.
        MessageCreateParams second =
            first.toBuilder().addMessage(answer).addUserMessage("and then?").build();
        Message next = stream ? streamed(client, second) : client.messages().create(second);
        assertThat(text(next)).isEqualTo("echo: and then?");
        JsonNode history = upstream.last().body().at("/messages/1/content/0");
        assertThat(history.path("type").asText()).isEqualTo("thinking");
        assertThat(history.path("signature").asText()).isEqualTo(signature);
      }
    }
    assertEverySubscriptionCallLookedRight();
  }

  // ---- openai-java ---------------------------------------------------------------------------

  private OpenAIClient openai() {
    return OpenAIOkHttpClient.builder()
        .baseUrl(proxy.baseUrl() + "/v1")
        .apiKey("proxy-key")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static FunctionDefinition weatherFunction() {
    return FunctionDefinition.builder()
        .name("get_weather")
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties",
                    com.openai.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .build())
        .build();
  }

  @Test
  void openAiSdkTextToolsAndThinkingStreamAndNot() {
    {
      OpenAIClient client = openai;
      ChatCompletionCreateParams hello =
          ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hello").build();
      assertThat(client.chat().completions().create(hello).choices().get(0).message().content())
          .hasValue("echo: hello");
      StringBuilder streamedText = new StringBuilder();
      try (var stream = client.chat().completions().createStreaming(hello)) {
        stream.stream()
            .flatMap(c -> c.choices().stream())
            .forEach(c -> c.delta().content().ifPresent(streamedText::append));
      }
      assertThat(streamedText.toString()).isEqualTo("echo: hello");

      ChatCompletionCreateParams ask =
          ChatCompletionCreateParams.builder()
              .model(MODEL)
              .addFunctionTool(weatherFunction())
              .addUserMessage("weather in Paris?")
              .build();
      ChatCompletion answer = client.chat().completions().create(ask);
      ChatCompletionMessageFunctionToolCall call =
          answer.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
      assertThat(call.function().name()).isEqualTo("get_weather");
      assertThat(call.function().arguments()).contains("Paris");
      List<String> streamedCalls = new ArrayList<>();
      try (var stream = client.chat().completions().createStreaming(ask)) {
        stream.stream()
            .flatMap(c -> c.choices().stream())
            .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
            .forEach(t -> t.function().flatMap(f -> f.name()).ifPresent(streamedCalls::add));
      }
      assertThat(streamedCalls).containsExactly("get_weather");
      ChatCompletion after =
          client
              .chat()
              .completions()
              .create(
                  ask.toBuilder()
                      .addMessage(answer.choices().get(0).message())
                      .addMessage(
                          ChatCompletionToolMessageParam.builder()
                              .toolCallId(call.id())
                              .content("sunny")
                              .build())
                      .build());
      assertThat(after.choices().get(0).message().content()).hasValue("echo: tool said sunny");

      // Two thinking turns: the reasoning is shown, and the second turn is accepted.
      ChatCompletionCreateParams think =
          ChatCompletionCreateParams.builder()
              .model(MODEL)
              .reasoningEffort(ReasoningEffort.LOW)
              .addUserMessage("think first")
              .build();
      ChatCompletion thought = client.chat().completions().create(think);
      assertThat(thought.choices().get(0).message()._additionalProperties().toString())
          .contains("The user said think first.");
      assertThat(upstream.last().body().at("/thinking/budget_tokens").asInt()).isPositive();
      StringBuilder reasoning = new StringBuilder();
      try (var stream =
          client
              .chat()
              .completions()
              .createStreaming(
                  think.toBuilder()
                      .addMessage(thought.choices().get(0).message())
                      .addUserMessage("and then?")
                      .build())) {
        stream.stream()
            .flatMap(c -> c.choices().stream())
            .forEach(c -> {
              var value = c.delta()._additionalProperties().get("reasoning_content");
              if (value != null) {
                reasoning.append(value.asString().orElse(""));
              }
            });
      }
      assertThat(reasoning.toString()).isEqualTo("The user said and then?.");

      // Thinking and a tool: chat has no field for Claude's signature, so the reasoning the
      // client sends back is unsigned. The proxy leaves it out and sends this tool loop without
      // thinking; Claude (and the fake) refuse thinking blocks they cannot verify, and thinking
      // on without the signed block before the tool call.
      ChatCompletionCreateParams thinkAndCall =
          ask.toBuilder().reasoningEffort(ReasoningEffort.LOW).build();
      ChatCompletion thoughtCall = client.chat().completions().create(thinkAndCall);
      var callMessage = thoughtCall.choices().get(0).message();
      assertThat(callMessage._additionalProperties().toString())
          .contains("The user said weather in Paris?.");
      ChatCompletion afterThought =
          client
              .chat()
              .completions()
              .create(
                  thinkAndCall.toBuilder()
                      .addMessage(callMessage)
                      .addMessage(
                          ChatCompletionToolMessageParam.builder()
                              .toolCallId(
                                  callMessage.toolCalls().orElseThrow().get(0).asFunction().id())
                              .content("sunny")
                              .build())
                      .build());
      assertThat(afterThought.choices().get(0).message().content())
          .hasValue("echo: tool said sunny");
      JsonNode sent = upstream.last().body();
      assertThat(sent.has("thinking")).isFalse();
      assertThat(sent.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    }
    assertEverySubscriptionCallLookedRight();
  }

  // ---- openai-java Responses (what the Codex CLI speaks) -------------------------------------

  /**
   * The answer's output items as the Codex CLI keeps them for its next turn: streamed, the items of
   * {@code response.output_item.done}; whole, the response's output.
   */
  private List<ResponseOutputItem> responsesTurn(ResponseCreateParams params, boolean stream) {
    if (!stream) {
      return openai.responses().create(params).output();
    }
    List<ResponseOutputItem> items = new ArrayList<>();
    try (var events = openai.responses().createStreaming(params)) {
      events.stream().flatMap(e -> e.outputItemDone().stream()).forEach(d -> items.add(d.item()));
    }
    return items;
  }

  @Test
  void responsesClientThinkingWithAToolKeepsClaudesSignatureAcrossTurnsStreamAndNot() {
    for (boolean stream : new boolean[] {false, true}) {
      ResponseCreateParams.Builder base =
          ResponseCreateParams.builder()
              .model(MODEL)
              .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build())
              .addTool(responsesTool("get_weather"));
      List<ResponseOutputItem> first =
          responsesTurn(base.input("weather in Paris?").build(), stream);
      ResponseReasoningItem reasoning =
          first.stream().flatMap(i -> i.reasoning().stream()).findFirst().orElseThrow();
      assertThat(reasoning.summary())
          .singleElement()
          .satisfies(t -> assertThat(t.text()).isEqualTo("The user said weather in Paris?."));
      String carried = reasoning.encryptedContent().orElseThrow();
      ResponseFunctionToolCall call =
          first.stream().flatMap(i -> i.functionCall().stream()).findFirst().orElseThrow();

      List<ResponseInputItem> history = new ArrayList<>();
      history.add(
          ResponseInputItem.ofEasyInputMessage(
              EasyInputMessage.builder()
                  .role(EasyInputMessage.Role.USER)
                  .content("weather in Paris?")
                  .build()));
      for (ResponseOutputItem item : first) {
        item.reasoning().ifPresent(r -> history.add(ResponseInputItem.ofReasoning(r)));
        item.functionCall().ifPresent(c -> history.add(ResponseInputItem.ofFunctionCall(c)));
      }
      history.add(
          ResponseInputItem.ofFunctionCallOutput(
              ResponseInputItem.FunctionCallOutput.builder()
                  .callId(call.callId())
                  .output("sunny")
                  .build()));
      // The fake refuses the turn unless the thinking comes back with the signature it issued
      // for exactly that text.
      List<ResponseOutputItem> second =
          responsesTurn(base.inputOfResponse(history).build(), stream);
      assertThat(
              second.stream()
                  .flatMap(i -> i.message().stream())
                  .flatMap(m -> m.content().stream())
                  .flatMap(c -> c.outputText().stream())
                  .map(t -> t.text()))
          .containsExactly("echo: tool said sunny");

      JsonNode sent = upstream.last().body();
      assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
      JsonNode thinking = sent.at("/messages/1/content/0");
      assertThat(thinking.path("type").asText()).isEqualTo("thinking");
      assertThat(thinking.path("thinking").asText()).isEqualTo("The user said weather in Paris?.");
      String signature = thinking.path("signature").asText();
      assertThat(FakeClaudeUpstream.isIssuedSignature(signature)).isTrue();
      // What the client held is the proxy's wrapping, not the bare signature.
      assertThat(carried).isNotEqualTo(signature).doesNotContain(signature);
    }
    assertEverySubscriptionCallLookedRight();
  }

  // ---- google-genai --------------------------------------------------------------------------

  private Client genai() {
    return Client.builder()
        .apiKey("proxy-key")
        .vertexAI(false)
        .httpOptions(HttpOptions.builder().baseUrl(proxy.baseUrl()).build())
        .build();
  }

  @Test
  void genaiSdkTextToolsAndThinkingStreamAndNot() {
    try (Client client = genai()) {
      assertThat(client.models.generateContent(MODEL, "hello", null).text())
          .isEqualTo("echo: hello");
      StringBuilder streamedText = new StringBuilder();
      try (ResponseStream<GenerateContentResponse> stream =
          client.models.generateContentStream(MODEL, "hello", null)) {
        stream.forEach(r -> streamedText.append(r.text() == null ? "" : r.text()));
      }
      assertThat(streamedText.toString()).isEqualTo("echo: hello");

      GenerateContentConfig tools = genaiTools("get_weather");
      Content question =
          Content.builder().role("user").parts(Part.fromText("weather in Paris?")).build();
      GenerateContentResponse call = client.models.generateContent(MODEL, question, tools);
      assertThat(call.functionCalls()).hasSize(1);
      assertThat(call.functionCalls().get(0).name()).hasValue("get_weather");
      Content modelTurn = call.candidates().orElseThrow().get(0).content().orElseThrow();
      Content result =
          Content.builder()
              .role("user")
              .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "sunny")))
              .build();
      GenerateContentResponse after =
          client.models.generateContent(MODEL, List.of(question, modelTurn, result), tools);
      assertThat(after.text()).startsWith("echo: tool said");

      GenerateContentConfig thinking =
          GenerateContentConfig.builder()
              .thinkingConfig(
                  ThinkingConfig.builder().thinkingBudget(2048).includeThoughts(true).build())
              .build();
      Content ask = Content.builder().role("user").parts(Part.fromText("think first")).build();
      GenerateContentResponse thought = client.models.generateContent(MODEL, ask, thinking);
      Content answer = thought.candidates().orElseThrow().get(0).content().orElseThrow();
      assertThat(answer.parts().orElseThrow())
          .anySatisfy(p -> assertThat(p.thought()).hasValue(true));
      assertThat(upstream.last().body().at("/thinking/budget_tokens").asInt()).isEqualTo(2048);
      Content followUp = Content.builder().role("user").parts(Part.fromText("and then?")).build();
      StringBuilder second = new StringBuilder();
      try (ResponseStream<GenerateContentResponse> stream =
          client.models.generateContentStream(MODEL, List.of(ask, answer, followUp), thinking)) {
        stream.forEach(r -> second.append(r.text() == null ? "" : r.text()));
      }
      assertThat(second.toString()).isEqualTo("echo: and then?");
    }
    assertEverySubscriptionCallLookedRight();
  }

  @Test
  void genaiThinkingWithAToolKeepsClaudesSignatureInThoughtSignatureStreamAndNot() {
    try (Client client = genai()) {
      GenerateContentConfig config =
          genaiTools("get_weather").toBuilder()
              .thinkingConfig(
                  ThinkingConfig.builder().thinkingBudget(2048).includeThoughts(true).build())
              .build();
      Content question =
          Content.builder().role("user").parts(Part.fromText("weather in Paris?")).build();
      for (boolean stream : new boolean[] {false, true}) {
        // The model turn as the client keeps it: streamed, every chunk's parts in order.
        List<Part> parts = new ArrayList<>();
        if (stream) {
          try (ResponseStream<GenerateContentResponse> chunks =
              client.models.generateContentStream(MODEL, List.of(question), config)) {
            chunks.forEach(r ->
                r.candidates()
                    .orElseThrow()
                    .get(0)
                    .content()
                    .orElseThrow()
                    .parts()
                    .ifPresent(parts::addAll));
          }
        } else {
          parts.addAll(
              client
                  .models
                  .generateContent(MODEL, question, config)
                  .candidates()
                  .orElseThrow()
                  .get(0)
                  .content()
                  .orElseThrow()
                  .parts()
                  .orElseThrow());
        }
        assertThat(parts)
            .anySatisfy(p -> assertThat(p.thoughtSignature()).isPresent())
            .anySatisfy(p -> assertThat(p.functionCall()).isPresent());
        Content modelTurn = Content.builder().role("model").parts(parts).build();
        Content result =
            Content.builder()
                .role("user")
                .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "sunny")))
                .build();
        // The fake refuses the turn unless the thinking comes back signed, whole.
        GenerateContentResponse after =
            client.models.generateContent(MODEL, List.of(question, modelTurn, result), config);
        assertThat(after.text()).isEqualTo("echo: tool said sunny");
        JsonNode sent = upstream.last().body();
        assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(2048);
        JsonNode thinking = sent.at("/messages/1/content/0");
        assertThat(thinking.path("thinking").asText())
            .isEqualTo("The user said weather in Paris?.");
        assertThat(FakeClaudeUpstream.isIssuedSignature(thinking.path("signature").asText()))
            .isTrue();
      }
    }
    assertEverySubscriptionCallLookedRight();
  }
}
