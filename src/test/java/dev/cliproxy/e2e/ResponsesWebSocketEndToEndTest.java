package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.ResponsesSocketClient;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Responses API over WebSocket ({@code GET /v1/responses} upgraded), as Codex CLI's built-in
 * provider speaks it, against the real proxy with fake upstreams: an OpenAI-compatible one, Claude,
 * and the Codex backend through a {@code codex-api-key}. Each {@code response.create} goes through
 * the gateway; its events come back as text messages ending in a terminal event.
 */
class ResponsesWebSocketEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-client-ws";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);

  @TempDir static Path dir;
  static FakeOpenAiUpstream compat;
  static FakeClaudeUpstream claude;
  static FakeCodexBackend codex;
  static RunningProxy proxy;
  ResponsesSocketClient client;

  @BeforeAll
  static void start() throws Exception {
    compat = FakeOpenAiUpstream.start("ws");
    claude = FakeClaudeUpstream.start().acceptApiKey("sk-ant-ws");
    codex = FakeCodexBackend.start();
    codex.acceptApiKey("sk-codex-ws");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: ["
                + KEY
                + "]\n"
                + "openai-compatibility:\n  - name: compat\n    base-url: "
                + compat.baseUrl()
                + "\n    api-key-entries:\n      - api-key: up-ws\n    models:\n"
                + "      - name: up-model\n        alias: compat-model\n"
                + "claude-api-key:\n  - api-key: sk-ant-ws\n    base-url: "
                + claude.baseUrl()
                + "\n    models:\n      - name: claude-opus-4-5\n        alias: claude-model\n"
                + "codex-api-key:\n  - api-key: sk-codex-ws\n    base-url: "
                + codex.baseUrl()
                + "\n    models:\n      - name: gpt-5-codex\n"
                + "      - name: gpt-5.1-codex\n        alias: gpt-6.1-sol\n");
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    compat.close();
    claude.close();
    codex.close();
  }

  @BeforeEach
  void client() throws Exception {
    client = new ResponsesSocketClient();
  }

  @AfterEach
  void closeClient() throws Exception {
    client.close();
    codex.cutBeforeCompleted(false);
  }

  private ResponsesSocketClient.Socket connect() throws Exception {
    return client.connect(url(), AUTH);
  }

  private static String url() {
    return "ws://127.0.0.1:" + proxy.port() + "/v1/responses";
  }

  /** A Codex-like {@code response.create}: one user message, no tools. */
  static ObjectNode create(String model, String text) {
    ObjectNode create = JSON.createObjectNode().put("type", "response.create").put("model", model);
    create.putArray("input").add(userMessage(text));
    create.putArray("tools");
    create.put("tool_choice", "auto").put("parallel_tool_calls", false).put("store", false);
    create.putArray("include");
    return create;
  }

  static ObjectNode userMessage(String text) {
    ObjectNode message = JSON.createObjectNode().put("type", "message").put("role", "user");
    message.putArray("content").addObject().put("type", "input_text").put("text", text);
    return message;
  }

  /** A capture's Responses body as Codex sends it over the socket (no {@code stream}). */
  static ObjectNode captured(String name) {
    ObjectNode body = (ObjectNode) Goldens.json("responses/captures/" + name).deepCopy();
    body.remove("stream");
    ObjectNode create = JSON.createObjectNode().put("type", "response.create");
    create.setAll(body);
    return create;
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  static String text(List<JsonNode> events) {
    StringBuilder out = new StringBuilder();
    events.stream()
        .filter(e -> e.path("type").asText().equals("response.output_text.delta"))
        .forEach(e -> out.append(e.path("delta").asText()));
    return out.toString();
  }

  static JsonNode last(List<JsonNode> events) {
    return events.get(events.size() - 1);
  }

  // ---- turns --------------------------------------------------------------------------------

  @Test
  void oneTurnToAnOpenAiCompatibleUpstreamStreamsItsEventsEndingInCompleted() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    List<JsonNode> events = socket.turn(create("compat-model", "say hi").toString());

    assertThat(types(events)).first().isEqualTo("response.created");
    assertThat(types(events)).last().isEqualTo("response.completed");
    assertThat(types(events)).contains("response.output_text.delta", "response.output_item.done");
    assertThat(text(events)).isEqualTo("echo: say hi");
    assertThat(last(events).path("response").path("status").asText()).isEqualTo("completed");
    FakeOpenAiUpstream.Received sent = compat.received().get(compat.received().size() - 1);
    assertThat(sent.body().path("model").asText()).isEqualTo("up-model");
    assertThat(sent.body().path("stream").asBoolean()).isTrue();
    socket.close();
  }

  @Test
  void severalTurnsOnOneSocketContinueWithPreviousResponseIdAndOnlyTheNewItems() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    List<JsonNode> first = socket.turn(create("compat-model", "first question").toString());
    String firstId = last(first).path("response").path("id").asText();
    assertThat(text(first)).isEqualTo("echo: first question");

    ObjectNode second = create("compat-model", "second question");
    second.put("previous_response_id", firstId);
    List<JsonNode> answer = socket.turn(second.toString());

    assertThat(text(answer)).isEqualTo("echo: second question");
    // the upstream got the whole conversation: both questions and the first answer between them
    JsonNode messages = compat.received().get(compat.received().size() - 1).body().path("messages");
    assertThat(messages.toString())
        .contains("first question", "echo: first question", "second question");
    assertThat(messages.toString().indexOf("first question"))
        .isLessThan(messages.toString().indexOf("echo: first question"));
    socket.close();
  }

  @Test
  void codexToolCallAndItsOutputRoundTripThroughTheCodexBackend() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    int before = codex.received().size();
    List<JsonNode> first = socket.turn(captured("codex_tool_01.request.json").toString());
    assertThat(types(first)).last().as(first.toString()).isEqualTo("response.completed");
    JsonNode call =
        first.stream()
            .filter(e -> e.path("type").asText().equals("response.output_item.done"))
            .map(e -> e.path("item"))
            .filter(item -> item.path("type").asText().equals("function_call"))
            .findFirst()
            .orElseThrow();

    ObjectNode second = captured("codex_tool_01.request.json");
    second.put("previous_response_id", last(first).path("response").path("id").asText());
    ArrayNode input = second.putArray("input");
    input
        .addObject()
        .put("type", "function_call_output")
        .put("call_id", call.path("call_id").asText())
        .put("output", "file-a file-b");
    List<JsonNode> answer = socket.turn(second.toString());

    assertThat(types(answer)).last().as(answer.toString()).isEqualTo("response.completed");
    assertThat(text(answer)).isEqualTo("tool said: file-a file-b");
    assertThat(codex.rejections()).allMatch(why -> why.startsWith("refused as told"));
    assertThat(codex.received()).hasSize(before + 2);
    JsonNode resent = codex.received().get(before + 1).body().path("input");
    List<String> items = new java.util.ArrayList<>();
    resent.forEach(item -> items.add(item.path("type").asText(item.path("role").asText())));
    // the first request's 4 input items, the first answer's reasoning and call, then the output
    assertThat(items).hasSize(4 + 2 + 1);
    assertThat(items.subList(4, 7))
        .containsExactly("reasoning", "function_call", "function_call_output");
    socket.close();
  }

  @Test
  void aWarmUpAnswersWithoutAnUpstreamAndTheNextTurnContinuesFromIt() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    int before = codex.received().size();
    ObjectNode warmUp = captured("codex_builtin-openai-provider-hi_08.request.json");
    ArrayNode all = (ArrayNode) warmUp.get("input").deepCopy();
    ArrayNode withoutLastTwo = JSON.createArrayNode();
    for (int i = 0; i < all.size() - 2; i++) {
      withoutLastTwo.add(all.get(i));
    }
    warmUp.set("input", withoutLastTwo);
    warmUp.put("generate", false);
    List<JsonNode> warmed = socket.turn(warmUp.toString());

    assertThat(types(warmed)).containsExactly("response.created", "response.completed");
    assertThat(last(warmed).path("response").path("output")).isEmpty();
    assertThat(codex.received()).hasSize(before);

    ObjectNode turn = captured("codex_builtin-openai-provider-hi_08.request.json");
    turn.put("previous_response_id", last(warmed).path("response").path("id").asText());
    ArrayNode rest = turn.putArray("input");
    rest.add(all.get(all.size() - 2));
    rest.add(all.get(all.size() - 1));
    List<JsonNode> answer = socket.turn(turn.toString());

    assertThat(types(answer)).last().as(answer.toString()).isEqualTo("response.completed");
    assertThat(codex.rejections()).allMatch(why -> why.startsWith("refused as told"));
    assertThat(codex.received().get(before).body().path("input")).hasSize(all.size());
    socket.close();
  }

  @Test
  void aClaudeUpstreamAnswersWithAToolCallAsResponsesEvents() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    ObjectNode create = create("claude-model", "weather in Paris?");
    create
        .withArray("tools")
        .addObject()
        .put("type", "function")
        .put("name", "get_weather")
        .putObject("parameters")
        .put("type", "object");
    List<JsonNode> events = socket.turn(create.toString());

    assertThat(types(events)).first().isEqualTo("response.created");
    assertThat(types(events)).last().as(events.toString()).isEqualTo("response.completed");
    JsonNode output = last(events).path("response").path("output");
    assertThat(output.toString()).contains("\"function_call\"", "get_weather");
    assertThat(claude.last().body().path("tools").get(0).path("name").asText())
        .isEqualTo("get_weather");
    socket.close();
  }

  // ---- failures -----------------------------------------------------------------------------

  @Test
  void anUpstreamRefusalIsAnErrorEventWithItsStatusAndTheSocketServesTheNextTurn()
      throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    codex.refuseNext(
        400,
        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"unsupported_value\","
            + "\"message\":\"Unsupported value: 'reasoning.effort' does not support 'max'.\"}}");
    List<JsonNode> events = socket.turn(create("gpt-5-codex", "hi").toString());

    assertThat(types(events)).containsExactly("error");
    assertThat(events.get(0).path("status").asInt()).isEqualTo(400);
    assertThat(events.get(0).path("error").path("code").asText()).isEqualTo("unsupported_value");
    assertThat(events.get(0).path("error").path("message").asText())
        .contains("does not support 'max'");

    List<JsonNode> next = socket.turn(create("gpt-5-codex", "again").toString());
    assertThat(types(next)).last().as(next.toString()).isEqualTo("response.completed");
    assertThat(text(next)).isEqualTo("echo: again");
    socket.close();
  }

  @Test
  void anUpstreamStreamCutBeforeCompletedEndsTheTurnWithAServerErrorEvent() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    codex.cutBeforeCompleted(true);
    List<JsonNode> events = socket.turn(create("gpt-5-codex", "hi").toString());

    JsonNode end = last(events);
    assertThat(end.path("type").asText()).as(events.toString()).isIn("error", "response.failed");
    if (end.path("type").asText().equals("error")) {
      assertThat(end.path("status").asInt()).isGreaterThanOrEqualTo(500);
    }
    assertThat(types(events)).doesNotContain("response.completed");
    codex.cutBeforeCompleted(false);
    assertThat(types(socket.turn(create("gpt-5-codex", "again").toString())))
        .last()
        .isEqualTo("response.completed");
    socket.close();
  }

  @Test
  void aClientClosingMidAnswerCancelsTheUpstreamRequest() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    int cancelled = compat.streamsCancelled();
    socket.send(create("compat-model", "slow-stream").toString());
    JsonNode event;
    do {
      event = socket.next();
    } while (!event.path("type").asText().equals("response.output_text.delta"));
    assertThat(compat.streamsActive()).isEqualTo(1);

    socket.close();

    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(20), () -> compat.streamsCancelled() > cancelled))
        .as("the upstream saw its stream cancelled")
        .isTrue();
    assertThat(compat.streamsActive()).isZero();
  }

  @Test
  void anUnknownPreviousResponseIdIsA400ErrorEvent() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    ObjectNode create = create("compat-model", "hi");
    create.put("previous_response_id", "resp_never_seen");
    List<JsonNode> events = socket.turn(create.toString());

    assertThat(types(events)).containsExactly("error");
    assertThat(events.get(0).path("status").asInt()).isEqualTo(400);
    assertThat(events.get(0).path("error").path("code").asText())
        .isEqualTo("previous_response_not_found");
    socket.close();
  }

  @Test
  void aModelNoUpstreamServesIsAnErrorEventNamingIt() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    List<JsonNode> events = socket.turn(create("no-such-model", "hi").toString());

    assertThat(types(events)).containsExactly("error");
    assertThat(events.get(0).path("status").asInt()).isBetween(400, 499);
    assertThat(events.get(0).path("error").path("message").asText()).contains("no-such-model");
    socket.close();
  }

  @Test
  void garbageGetsAnErrorEventAndACloseWithTheReason() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    socket.send("this is not json");

    JsonNode error = socket.next();
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.path("status").asInt()).isEqualTo(400);
    ResponsesSocketClient.Close close = socket.awaitClose(Duration.ofSeconds(10));
    assertThat(close.code()).isEqualTo(1007);
    assertThat(close.reason()).contains("unreadable message");
  }

  @Test
  void aBinaryMessageGetsAnErrorEventAndA1003Close() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    socket.sendBinary(new byte[] {1, 2, 3});

    assertThat(socket.next().path("type").asText()).isEqualTo("error");
    assertThat(socket.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1003);
  }

  @Test
  void anUnknownMessageTypeGetsAnErrorEventAndTheSocketStaysOpen() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    socket.send("{\"type\":\"response.cancel\"}");

    JsonNode error = socket.next();
    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("error").path("code").asText()).isEqualTo("unsupported_event_type");
    socket.send("{\"type\":\"response.processed\",\"response_id\":\"resp_x\"}");
    assertThat(text(socket.turn(create("compat-model", "still here").toString())))
        .isEqualTo("echo: still here");
    socket.close();
  }

  @Test
  void aPingIsAnsweredWithAPong() throws Exception {
    ResponsesSocketClient.Socket socket = connect();
    socket.ping("are you there");

    assertThat(socket.nextPong()).isEqualTo("are you there");
    socket.close();
  }

  // ---- the upgrade --------------------------------------------------------------------------

  @Test
  void aBadKeyIsRefusedWith401BeforeTheUpgrade() throws Exception {
    assertThatThrownBy(() -> client.connect(url(), Map.of("Authorization", "Bearer wrong-key")))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(UpgradeException.class)
        .satisfies(e -> assertThat(((UpgradeException) e).getResponseStatusCode()).isEqualTo(401));

    HttpResponse<String> plain =
        proxy.send(proxy.get("/v1/responses").header("Authorization", "Bearer wrong-key"));
    assertThat(plain.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(plain.body()).path("error").path("message").asText()).isNotEmpty();
  }

  @Test
  void aPlainGetWithAGoodKeyIsTold426ToUpgrade() throws Exception {
    HttpResponse<String> plain =
        proxy.send(proxy.get("/responses").header("Authorization", "Bearer " + KEY));

    assertThat(plain.statusCode()).isEqualTo(426);
    assertThat(JSON.readTree(plain.body()).path("error").path("code").asText())
        .isEqualTo("websocket_upgrade_required");
  }
}
