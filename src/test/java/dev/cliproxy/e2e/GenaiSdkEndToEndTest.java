package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server driven by the official Google Gen AI Java SDK as a Gemini client, in front of a
 * fake OpenAI-compatible upstream. The Java SDK calls {@code /v1beta/models/...} by default; the
 * JavaScript SDK 3.x calls {@code /v1/models/...} (ref/clients.md), so both versions are exercised.
 */
class GenaiSdkEndToEndTest {
  private static final String MODEL = "gemini-3-flash";

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy = RunningProxy.inFrontOf(dir, upstream, "proxy-key", MODEL);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  /** A client on the SDK's default API version ({@code v1beta}) or on the given one. */
  private Client client(String apiVersion) {
    HttpOptions.Builder options = HttpOptions.builder().baseUrl(proxy.baseUrl());
    if (apiVersion != null) {
      options.apiVersion(apiVersion);
    }
    return Client.builder()
        .apiKey("proxy-key")
        .vertexAI(false)
        .httpOptions(options.build())
        .build();
  }

  private static GenerateContentConfig tools(String... names) {
    List<FunctionDeclaration> declarations = new ArrayList<>();
    for (String name : names) {
      declarations.add(
          FunctionDeclaration.builder()
              .name(name)
              .description("looks up " + name)
              .parameters(
                  Schema.builder()
                      .type(Type.Known.OBJECT)
                      .properties(Map.of("city", Schema.builder().type(Type.Known.STRING).build()))
                      .required("city")
                      .build())
              .build());
    }
    return GenerateContentConfig.builder()
        .tools(Tool.builder().functionDeclarations(declarations).build())
        .build();
  }

  @Test
  void generateContentOnTheDefaultApiVersion() {
    try (Client client = client(null)) {
      GenerateContentResponse answer = client.models.generateContent(MODEL, "hello", null);

      assertThat(answer.text()).isEqualTo("echo: hello");
      assertThat(answer.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
      assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).hasValue(11);
      assertThat(answer.usageMetadata().orElseThrow().candidatesTokenCount()).hasValue(7);
    }
    FakeOpenAiUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.body().path("model").asText()).isEqualTo("up-model");
    assertThat(seen.body().path("stream").asBoolean(false)).isFalse();
  }

  @Test
  void generateContentOnV1AsTheJavaScriptSdkSendsIt() {
    try (Client client = client("v1")) {
      assertThat(client.models.generateContent(MODEL, "via v1", null).text())
          .isEqualTo("echo: via v1");
    }
  }

  @Test
  void streamedTextAccumulatesAndTheLastChunkHasAFinishReason() {
    for (String version : new String[] {"v1beta", "v1"}) {
      List<GenerateContentResponse> chunks = new ArrayList<>();
      try (Client client = client(version);
          ResponseStream<GenerateContentResponse> stream =
              client.models.generateContentStream(MODEL, "stream me please", null)) {
        stream.forEach(chunks::add);
      }

      StringBuilder text = new StringBuilder();
      chunks.forEach(c -> text.append(c.text() == null ? "" : c.text()));
      assertThat(text.toString()).as(version).isEqualTo("echo: stream me please");
      assertThat(chunks.size()).as(version + ": several chunks").isGreaterThan(2);
      assertThat(chunks.get(chunks.size() - 1).finishReason().knownEnum())
          .as(version)
          .isEqualTo(FinishReason.Known.STOP);
    }
    assertThat(upstream.received())
        .allSatisfy(r -> assertThat(r.body().path("stream").asBoolean()).isTrue());
  }

  @Test
  void functionDeclarationsGiveFunctionCallsWithAndWithoutStreaming() {
    try (Client client = client(null)) {
      GenerateContentResponse answer =
          client.models.generateContent(
              MODEL, "weather and time?", tools("get_weather", "get_time"));
      assertThat(answer.functionCalls())
          .extracting(c -> c.name().orElse(""))
          .containsExactly("get_weather", "get_time");
      assertThat(answer.functionCalls())
          .allSatisfy(c -> assertThat(c.args().orElseThrow()).containsEntry("city", "Paris"));

      List<FunctionCall> streamed = new ArrayList<>();
      try (ResponseStream<GenerateContentResponse> stream =
          client.models.generateContentStream(
              MODEL, "weather and time?", tools("get_weather", "get_time"))) {
        stream.forEach(
            c -> streamed.addAll(c.functionCalls() == null ? List.of() : c.functionCalls()));
      }
      assertThat(streamed)
          .extracting(c -> c.name().orElse(""))
          .containsExactly("get_weather", "get_time");
      assertThat(streamed)
          .allSatisfy(c -> assertThat(c.args().orElseThrow()).containsEntry("city", "Paris"));
    }
    JsonNode tools = upstream.received().get(0).body().path("tools");
    assertThat(tools).hasSize(2);
    assertThat(tools.get(1).path("function").path("name").asText()).isEqualTo("get_time");
    assertThat(tools.get(1).path("function").path("parameters").path("type").asText())
        .isEqualToIgnoringCase("object");
  }

  @Test
  void functionResponsesOfTheNextTurnReachTheUpstreamAsToolMessages() {
    try (Client client = client(null)) {
      Content question =
          Content.builder().role("user").parts(Part.fromText("weather and time?")).build();
      GenerateContentResponse answer =
          client.models.generateContent(MODEL, question, tools("get_weather", "get_time"));
      Content modelTurn = answer.candidates().orElseThrow().get(0).content().orElseThrow();
      assertThat(answer.functionCalls()).hasSize(2);

      Content results =
          Content.builder()
              .role("user")
              .parts(
                  Part.fromFunctionResponse("get_weather", Map.of("result", "sunny")),
                  Part.fromFunctionResponse("get_time", Map.of("result", "noon")))
              .build();
      Content followUp = Content.builder().role("user").parts(Part.fromText("and now?")).build();
      GenerateContentResponse second =
          client.models.generateContent(
              MODEL, List.of(question, modelTurn, results, followUp), null);
      assertThat(second.text()).isEqualTo("echo: and now?");
    }

    JsonNode messages = upstream.received().get(1).body().path("messages");
    List<JsonNode> assistant = filter(messages, "assistant");
    assertThat(assistant).hasSize(1);
    List<String> callIds = new ArrayList<>();
    assistant.get(0).path("tool_calls").forEach(c -> callIds.add(c.path("id").asText()));
    assertThat(assistant.get(0).path("tool_calls"))
        .extracting(c -> c.path("function").path("name").asText())
        .containsExactly("get_weather", "get_time");
    assertThat(callIds).doesNotHaveDuplicates().allMatch(id -> !id.isEmpty());
    List<JsonNode> tool = filter(messages, "tool");
    assertThat(tool)
        .extracting(m -> m.path("tool_call_id").asText())
        .as("each result answers the call of the same function")
        .containsExactlyElementsOf(callIds);
    assertThat(tool.get(0).path("content").asText()).contains("sunny");
    assertThat(tool.get(1).path("content").asText()).contains("noon");
  }

  private static List<JsonNode> filter(JsonNode messages, String role) {
    return StreamSupport.stream(messages.spliterator(), false)
        .filter(m -> m.path("role").asText().equals(role))
        .toList();
  }
}
