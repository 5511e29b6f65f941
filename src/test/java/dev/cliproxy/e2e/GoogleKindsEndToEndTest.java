package dev.cliproxy.e2e;

import static dev.cliproxy.testing.SdkTurns.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.cliproxy.testing.GeminiFunctionCalling;
import dev.cliproxy.testing.GoogleKindProxy;
import dev.cliproxy.testing.SdkTurns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The issue's acceptance across the Google kinds: for a Gemini CLI account, a Gemini API key, a
 * Vertex service account and an Antigravity account, the official google-genai ({@code v1beta} and
 * {@code v1}), openai-java and anthropic-java SDKs, whole and streamed, get a plain turn and a
 * two-turn tool conversation. The fakes are strict ({@link GeminiFunctionCalling}): tool schemas
 * with keywords Gemini refuses fail, and the second turn fails unless the call's {@code
 * thoughtSignature} (or Google's documented bypass, for clients that cannot keep it) comes back on
 * the call.
 */
class GoogleKindsEndToEndTest {
  private static final String MODEL = GoogleKindProxy.MODEL;

  /** A tool schema as coding tools write it, with most of what Gemini refuses. */
  static final Map<String, Object> DIRTY_SCHEMA =
      Map.of(
          "$schema",
          "http://json-schema.org/draft-07/schema#",
          "type",
          "object",
          "additionalProperties",
          false,
          "$defs",
          Map.of("Unit", Map.of("type", "string", "enum", List.of("c", "f"))),
          "properties",
          Map.of(
              "city", Map.of("type", "string", "description", "the city"),
              "unit", Map.of("$ref", "#/$defs/Unit"),
              "source", Map.of("type", "string", "format", "uri"),
              "days", Map.of("type", "integer", "exclusiveMinimum", 0),
              "note", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "null"))),
              "kind", Map.of("const", "weather")),
          "required",
          List.of("city", "note"));

  @TempDir Path dir;
  GoogleKindProxy google;

  @AfterEach
  void stop() throws Exception {
    if (google != null) {
      google.close();
    }
  }

  private void start(GoogleKindProxy.Kind kind) throws Exception {
    google = GoogleKindProxy.start(kind, dir);
  }

  @ParameterizedTest
  @EnumSource(GoogleKindProxy.Kind.class)
  void googleGenaiOnBothApiVersions(GoogleKindProxy.Kind kind) throws Exception {
    start(kind);
    for (String version : List.of("v1beta", "v1")) {
      try (Client client =
          Client.builder()
              .apiKey("proxy-key")
              .vertexAI(false)
              .httpOptions(
                  HttpOptions.builder().baseUrl(google.baseUrl()).apiVersion(version).build())
              .build()) {
        assertThat(client.models.generateContent(MODEL, "hello", null).text())
            .as(version)
            .isEqualTo("echo: hello");
        StringBuilder streamed = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> stream =
            client.models.generateContentStream(MODEL, "hello", null)) {
          stream.forEach(r -> streamed.append(r.text() == null ? "" : r.text()));
        }
        assertThat(streamed.toString()).as(version).isEqualTo("echo: hello");

        for (boolean streaming : new boolean[] {false, true}) {
          Content question =
              Content.builder().role("user").parts(Part.fromText("weather in Paris?")).build();
          Content call = genai(client, List.of(question), streaming);
          assertThat(call.parts().orElseThrow().get(0).functionCall()).isPresent();
          assertThat(call.parts().orElseThrow().get(0).thoughtSignature()).isPresent();
          Content result =
              Content.builder()
                  .role("user")
                  .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "sunny")))
                  .build();
          Content done = genai(client, List.of(question, call, result), streaming);
          assertThat(done.parts().orElseThrow().stream().map(p -> p.text().orElse("")))
              .as(version + (streaming ? " streamed" : " whole"))
              .anySatisfy(t -> assertThat(t).startsWith("done: ").contains("sunny"));
        }
      }
    }
    JsonNode last = google.requests().getLast();
    assertThat(last.at("/contents/1/parts/0/thoughtSignature").asText())
        .as("Gemini's own signature, not the bypass")
        .isNotEqualTo(GeminiFunctionCalling.SKIP_VALIDATOR)
        .isNotEmpty();
  }

  /**
   * Antigravity serves {@code gemini-3-pro-preview} as {@code gemini-3-pro-high}: a Gemini 3 tool
   * conversation, whose signatures Google enforces, works under the client's name.
   */
  @org.junit.jupiter.api.Test
  void antigravitySendsGemini3ProPreviewAsItsHighModel() throws Exception {
    start(GoogleKindProxy.Kind.ANTIGRAVITY);
    try (Client client =
        Client.builder()
            .apiKey("proxy-key")
            .vertexAI(false)
            .httpOptions(HttpOptions.builder().baseUrl(google.baseUrl()).build())
            .build()) {
      for (boolean streaming : new boolean[] {false, true}) {
        Content question =
            Content.builder().role("user").parts(Part.fromText("weather in Paris?")).build();
        Content call = genai(client, "gemini-3-pro-preview", List.of(question), streaming);
        assertThat(call.parts().orElseThrow().get(0).thoughtSignature()).isPresent();
        Content result =
            Content.builder()
                .role("user")
                .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "sunny")))
                .build();
        Content done =
            genai(client, "gemini-3-pro-preview", List.of(question, call, result), streaming);
        assertThat(done.parts().orElseThrow().stream().map(p -> p.text().orElse("")))
            .anySatisfy(t -> assertThat(t).startsWith("done: ").contains("sunny"));
      }
    }
    assertThat(google.upstreamModels()).hasSize(4).containsOnly("gemini-3-pro-high");
  }

  /** The model's content of one turn, whole or gathered from the stream. */
  private static Content genai(Client client, List<Content> history, boolean streaming) {
    return genai(client, MODEL, history, streaming);
  }

  private static Content genai(
      Client client, String model, List<Content> history, boolean streaming) {
    if (!streaming) {
      return client
          .models
          .generateContent(model, history, SdkTurns.genaiTools("get_weather"))
          .candidates()
          .orElseThrow()
          .get(0)
          .content()
          .orElseThrow();
    }
    List<Part> parts = new ArrayList<>();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(model, history, SdkTurns.genaiTools("get_weather"))) {
      stream.forEach(r ->
          r.candidates().stream()
              .flatMap(List::stream)
              .flatMap(c -> c.content().stream())
              .flatMap(c -> c.parts().stream().flatMap(List::stream))
              .filter(p -> p.functionCall().isPresent() || !p.text().orElse("").isEmpty())
              .forEach(parts::add));
    }
    return Content.builder().role("model").parts(parts).build();
  }

  @ParameterizedTest
  @EnumSource(GoogleKindProxy.Kind.class)
  void openAiChatWithSchemasToCleanAndASignatureItCannotKeep(GoogleKindProxy.Kind kind)
      throws Exception {
    start(kind);
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(google.baseUrl() + "/v1")
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      ChatCompletionCreateParams hello =
          ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hello").build();
      assertThat(client.chat().completions().create(hello).choices().get(0).message().content())
          .hasValue("echo: hello");
      assertThat(openAi(client, hello, true).choices().get(0).message().content())
          .hasValue("echo: hello");

      FunctionParameters.Builder parameters = FunctionParameters.builder();
      DIRTY_SCHEMA.forEach((k, v) -> parameters.putAdditionalProperty(k, jsonOpenAi(v)));
      ChatCompletionCreateParams ask =
          ChatCompletionCreateParams.builder()
              .model(MODEL)
              .reasoningEffort(ReasoningEffort.XHIGH)
              .addFunctionTool(
                  FunctionDefinition.builder()
                      .name("get_weather")
                      .parameters(parameters.build())
                      .build())
              .addUserMessage("weather in Paris?")
              .build();
      for (boolean streaming : new boolean[] {false, true}) {
        ChatCompletion answer = openAi(client, ask, streaming);
        ChatCompletionMessageFunctionToolCall call =
            answer.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("Paris");
        ChatCompletionCreateParams next =
            ask.toBuilder()
                .addMessage(answer.choices().get(0).message())
                .addMessage(
                    ChatCompletionToolMessageParam.builder()
                        .toolCallId(call.id())
                        .content("sunny")
                        .build())
                .build();
        assertThat(openAi(client, next, streaming).choices().get(0).message().content())
            .hasValueSatisfying(t -> assertThat(t).startsWith("done: ").contains("sunny"));
      }
    } finally {
      client.close();
    }
    assertCleanedAndBypassed(kind, "{\"thinkingBudget\":24576,\"includeThoughts\":true}");
  }

  private static ChatCompletion openAi(
      OpenAIClient client, ChatCompletionCreateParams params, boolean streaming) {
    if (!streaming) {
      return client.chat().completions().create(params);
    }
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.chatCompletion();
  }

  @ParameterizedTest
  @EnumSource(GoogleKindProxy.Kind.class)
  void anthropicWithSchemasToCleanAndASignatureItCannotKeep(GoogleKindProxy.Kind kind)
      throws Exception {
    start(kind);
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(google.baseUrl())
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      MessageCreateParams hello =
          MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage("hello").build();
      assertThat(text(claude(client, hello, false))).isEqualTo("echo: hello");
      assertThat(text(claude(client, hello, true))).isEqualTo("echo: hello");

      Tool.InputSchema.Builder schema = Tool.InputSchema.builder();
      DIRTY_SCHEMA.forEach(
          (k, v) -> schema.putAdditionalProperty(k, com.anthropic.core.JsonValue.from(v)));
      MessageCreateParams ask =
          MessageCreateParams.builder()
              .model(MODEL)
              .maxTokens(4096)
              .enabledThinking(2048)
              .addTool(Tool.builder().name("get_weather").inputSchema(schema.build()).build())
              .addUserMessage("weather in Paris?")
              .build();
      for (boolean streaming : new boolean[] {false, true}) {
        Message call = claude(client, ask, streaming);
        ToolUseBlock use =
            call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        Message done = claude(client, SdkTurns.toolReply(ask, call, use.id(), "sunny"), streaming);
        assertThat(text(done)).startsWith("done: ").contains("sunny");
      }
    } finally {
      client.close();
    }
    assertCleanedAndBypassed(kind, "{\"thinkingBudget\":2048,\"includeThoughts\":true}");
    assertThat(google.requests())
        .as("Antigravity takes no maxOutputTokens; the others get Claude's max_tokens")
        .allMatch(r ->
            r.at("/generationConfig/maxOutputTokens").isMissingNode()
                == (kind == GoogleKindProxy.Kind.ANTIGRAVITY));
  }

  private static Message claude(
      AnthropicClient client, MessageCreateParams params, boolean streaming) {
    if (!streaming) {
      return client.messages().create(params);
    }
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  /**
   * Tool schemas reached Gemini cleaned, with the thinking asked for as the model's {@code
   * thinkingConfig}; calls from a client of another dialect got the bypass. Antigravity's own rules
   * held: tools called in {@code VALIDATED} mode, no {@code safetySettings}.
   */
  private void assertCleanedAndBypassed(GoogleKindProxy.Kind kind, String thinkingConfig) {
    List<JsonNode> tooled = google.requests().stream().filter(r -> r.has("tools")).toList();
    assertThat(tooled).isNotEmpty();
    boolean antigravity = kind == GoogleKindProxy.Kind.ANTIGRAVITY;
    assertThat(tooled)
        .allSatisfy(r ->
            assertThat(r.at("/toolConfig/functionCallingConfig/mode").asText().equals("VALIDATED"))
                .isEqualTo(antigravity));
    if (antigravity) {
      assertThat(google.requests()).noneMatch(r -> r.has("safetySettings"));
    }
    assertThat(tooled)
        .allSatisfy(r ->
            assertThat(r.at("/generationConfig/thinkingConfig").toString())
                .isEqualTo(thinkingConfig));
    JsonNode schema = tooled.getFirst().at("/tools/0/functionDeclarations/0/parametersJsonSchema");
    assertThat(schema.at("/properties/city/type").asText()).isEqualTo("string");
    assertThat(schema.at("/properties/unit/enum").toString()).isEqualTo("[\"c\",\"f\"]");
    assertThat(schema.toString()).doesNotContain("$schema", "$ref", "additionalProperties");
    assertThat(
            tooled.stream()
                .flatMap(r -> r.path("contents").valueStream())
                .flatMap(c -> c.path("parts").valueStream())
                .filter(p -> p.has("functionCall"))
                .map(p -> p.path("thoughtSignature").asText()))
        .isNotEmpty()
        .allMatch(GeminiFunctionCalling.SKIP_VALIDATOR::equals);
  }

  private static com.openai.core.JsonValue jsonOpenAi(Object value) {
    return com.openai.core.JsonValue.from(value);
  }
}
