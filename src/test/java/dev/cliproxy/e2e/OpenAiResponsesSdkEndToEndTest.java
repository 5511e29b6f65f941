package dev.cliproxy.e2e;

import static dev.cliproxy.testing.SdkTurns.responsesTool;
import static dev.cliproxy.testing.SdkTurns.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server driven by the official OpenAI Java SDK as a Responses API client, in front of a
 * fake Chat Completions upstream: Responses → canonical → Chat and back.
 */
class OpenAiResponsesSdkEndToEndTest {
  private static final String MODEL = "gpt-5-codex";

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  RunningProxy proxy;
  OpenAIClient client;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy = RunningProxy.inFrontOf(dir, upstream, "proxy-key", MODEL);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(proxy.baseUrl() + "/v1")
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    upstream.close();
  }

  private static List<ResponseFunctionToolCall> calls(List<ResponseOutputItem> output) {
    return output.stream().flatMap(item -> item.functionCall().stream()).toList();
  }

  private List<ResponseStreamEvent> stream(ResponseCreateParams params) {
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      stream.stream().forEach(events::add);
    }
    return events;
  }

  @Test
  void nonStreamingResponseCarriesTheTextAndUsage() {
    Response answer =
        client
            .responses()
            .create(ResponseCreateParams.builder().model(MODEL).input("hello").build());

    assertThat(text(answer)).isEqualTo("echo: hello");
    assertThat(answer.status()).hasValue(ResponseStatus.COMPLETED);
    assertThat(answer.usage().orElseThrow().inputTokens()).isEqualTo(11);
    assertThat(answer.usage().orElseThrow().outputTokens()).isEqualTo(7);
    FakeOpenAiUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.path()).isEqualTo("/v1/chat/completions");
    assertThat(seen.body().path("model").asText()).isEqualTo("up-model");
  }

  @Test
  void streamingResponseSendsTextDeltasAndEndsWithCompleted() {
    List<ResponseStreamEvent> events =
        stream(ResponseCreateParams.builder().model(MODEL).input("stream me please").build());

    StringBuilder deltas = new StringBuilder();
    events.stream()
        .flatMap(e -> e.outputTextDelta().stream())
        .forEach(d -> deltas.append(d.delta()));
    assertThat(deltas.toString()).isEqualTo("echo: stream me please");
    assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).count())
        .isGreaterThan(1);
    assertThat(events.stream().filter(ResponseStreamEvent::isOutputItemDone).count())
        .as("one output_item.done for the message")
        .isEqualTo(1);
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    Response completed = last.completed().orElseThrow().response();
    assertThat(text(completed)).isEqualTo("echo: stream me please");
    assertThat(completed.usage().orElseThrow().totalTokens()).isEqualTo(18);
  }

  @Test
  void functionToolsGiveFunctionCallItemsWithCallIdsWithAndWithoutStreaming() {
    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model(MODEL)
            .input("weather and time in Paris?")
            .addTool(responsesTool("get_weather"))
            .addTool(responsesTool("get_time"))
            .build();

    Response answer = client.responses().create(params);
    assertThat(calls(answer.output()))
        .extracting(c -> c.callId() + "/" + c.name() + "/" + c.arguments())
        .containsExactly(
            "call_up_0/get_weather/{\"city\":\"Paris\"}",
            "call_up_1/get_time/{\"city\":\"Paris\"}");

    List<ResponseStreamEvent> events = stream(params);
    List<ResponseFunctionToolCall> done =
        events.stream()
            .flatMap(e -> e.outputItemDone().stream())
            .flatMap(d -> d.item().functionCall().stream())
            .toList();
    assertThat(done)
        .extracting(c -> c.callId() + "/" + c.name() + "/" + c.arguments())
        .containsExactly(
            "call_up_0/get_weather/{\"city\":\"Paris\"}",
            "call_up_1/get_time/{\"city\":\"Paris\"}");
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    assertThat(calls(last.completed().orElseThrow().response().output()))
        .extracting(ResponseFunctionToolCall::callId)
        .containsExactly("call_up_0", "call_up_1");

    JsonNode tools = upstream.received().get(0).body().path("tools");
    assertThat(tools)
        .extracting(t -> t.path("function").path("name").asText())
        .containsExactly("get_weather", "get_time");
  }

  @Test
  void functionCallOutputsOfTheNextTurnReachTheUpstreamAsToolMessages() {
    ResponseInputItem question =
        ResponseInputItem.ofEasyInputMessage(
            EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER)
                .content("weather and time in Paris?")
                .build());
    Response answer =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(MODEL)
                    .inputOfResponse(List.of(question))
                    .addTool(responsesTool("get_weather"))
                    .addTool(responsesTool("get_time"))
                    .build());
    List<ResponseFunctionToolCall> calls = calls(answer.output());
    assertThat(calls).hasSize(2);

    List<ResponseInputItem> history = new ArrayList<>();
    history.add(question);
    calls.forEach(c -> history.add(ResponseInputItem.ofFunctionCall(c)));
    history.add(output(calls.get(0).callId(), "sunny"));
    history.add(output(calls.get(1).callId(), "noon"));
    List<ResponseStreamEvent> events =
        stream(ResponseCreateParams.builder().model(MODEL).inputOfResponse(history).build());

    StringBuilder deltas = new StringBuilder();
    events.stream()
        .flatMap(e -> e.outputTextDelta().stream())
        .forEach(d -> deltas.append(d.delta()));
    assertThat(deltas.toString()).isEqualTo("echo: weather and time in Paris?");
    JsonNode messages = upstream.received().get(1).body().path("messages");
    List<JsonNode> assistant = filter(messages, "assistant");
    assertThat(assistant).hasSize(1);
    assertThat(assistant.get(0).path("tool_calls"))
        .extracting(c -> c.path("id").asText() + "/" + c.path("function").path("name").asText())
        .containsExactly("call_up_0/get_weather", "call_up_1/get_time");
    assertThat(filter(messages, "tool"))
        .extracting(m -> m.path("tool_call_id").asText() + "=" + m.path("content").asText())
        .containsExactly("call_up_0=sunny", "call_up_1=noon");
  }

  private static ResponseInputItem output(String callId, String output) {
    return ResponseInputItem.ofFunctionCallOutput(
        ResponseInputItem.FunctionCallOutput.builder().callId(callId).output(output).build());
  }

  private static List<JsonNode> filter(JsonNode messages, String role) {
    return StreamSupport.stream(messages.spliterator(), false)
        .filter(m -> m.path("role").asText().equals(role))
        .toList();
  }
}
