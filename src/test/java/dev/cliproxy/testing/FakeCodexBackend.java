package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * A fake ChatGPT Codex backend ({@code POST /backend-api/codex/responses}) on 127.0.0.1 that speaks
 * the real Responses SSE wire format and refuses what the real one refuses: no bearer it knows, a
 * missing {@code Chatgpt-Account-Id} (for ChatGPT tokens), {@code Originator} or {@code
 * Session_id}, {@code stream} other than true, {@code store} other than false, and parameters the
 * backend does not support.
 *
 * <p>It also refuses, as the backend does, an input reasoning item without {@code summary} or with
 * encrypted content it did not issue (another provider's signature, a value changed on the way),
 * and a function tool or function call named with more than 64 characters.
 *
 * <p>Answers: first a reasoning item (summary {@code "Thinking about <last user text>."} in two
 * deltas, fresh encrypted content in {@code output_item.done}); then, with function tools and no
 * tool output yet in the input, a call of the first function tool (arguments streamed in two
 * deltas); otherwise the message {@code "echo: <last user text>"}, or {@code "tool said: <output>"}
 * after a tool output, streamed in deltas of 4 characters. Always ends with {@code
 * response.completed} and usage (11 in, 7 out), unless told to cut the stream short.
 */
public final class FakeCodexBackend implements AutoCloseable {
  public static final String PATH = "/backend-api/codex/responses";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NAME = 64;

  /** One request as the fake saw it. */
  public record Received(String path, Map<String, String> headers, JsonNode body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final LoopbackJetty server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> rejections = new CopyOnWriteArrayList<>();
  private final Map<String, String> oauthTokens = new ConcurrentHashMap<>();
  private final Map<String, Boolean> apiKeys = new ConcurrentHashMap<>();
  private final AtomicInteger responses = new AtomicInteger();

  /** Every reasoning item's encrypted content this fake issued, in order. */
  private final List<String> issuedReasoning = new CopyOnWriteArrayList<>();

  private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();

  private volatile boolean cutBeforeCompleted;
  private volatile boolean emptyCompletedOutput;

  private FakeCodexBackend() throws Exception {
    server = LoopbackJetty.start("fake-codex", this::serve);
  }

  private volatile Map<String, String> answerHeaders = Map.of();

  public static FakeCodexBackend start() throws Exception {
    return new FakeCodexBackend();
  }

  /** What to put in {@code endpoints.codex.api}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/backend-api/codex";
  }

  /** Accepts a ChatGPT access token, which must come with this {@code Chatgpt-Account-Id}. */
  public void acceptAccessToken(String accessToken, String accountId) {
    oauthTokens.put(accessToken, accountId);
  }

  /** Accepts a platform API key (no account header needed). */
  public void acceptApiKey(String key) {
    apiKeys.put(key, Boolean.TRUE);
  }

  /** Refuses the next accepted request with this status and JSON body, as a quota answer would. */
  public void refuseNext(int status, String body) {
    refusals.add(new Refusal(status, body));
  }

  /** Ends every stream before {@code response.completed} (the connection just closes). */
  public void cutBeforeCompleted(boolean cut) {
    cutBeforeCompleted = cut;
  }

  /** Sends {@code response.completed} with an empty {@code output}, as the backend may. */
  public void emptyCompletedOutput(boolean empty) {
    emptyCompletedOutput = empty;
  }

  /**
   * Headers added to every answer, as the real backend adds its {@code x-codex-*} usage windows.
   */
  public void answerHeaders(Map<String, String> headers) {
    answerHeaders = Map.copyOf(headers);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The encrypted content of every reasoning item this fake answered with, oldest first. */
  public List<String> issuedEncryptedContent() {
    return List.copyOf(issuedReasoning);
  }

  /** Why requests were refused, for test failure messages. */
  public List<String> rejections() {
    return List.copyOf(rejections);
  }

  private void serve(Request request, Response response) throws IOException {
    String path = Request.getPathInContext(request);
    Map<String, String> headers = new HashMap<>();
    request.getHeaders().forEach(f -> headers.put(f.getLowerCaseName(), f.getValue()));
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    JsonNode body;
    try {
      body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
    } catch (IOException e) {
      body = JSON.nullNode();
    }
    received.add(new Received(path, Map.copyOf(headers), body));
    answerHeaders.forEach((name, value) -> response.getHeaders().put(name, value));
    if (!path.equals(PATH)) {
      reject(response, 404, "{\"detail\":\"Not Found\"}", "no route " + path);
      return;
    }
    String problem = problemWith(headers, body);
    if (problem != null) {
      int status = problem.startsWith("auth:") ? 401 : 400;
      reject(response, status, JSON.createObjectNode().put("detail", problem).toString(), problem);
      return;
    }
    Refusal refusal = refusals.poll();
    if (refusal != null) {
      reject(response, refusal.status(), refusal.body(), "refused as told: " + refusal.status());
      return;
    }
    stream(response, (ObjectNode) body);
  }

  /** What the real backend would refuse, or null. */
  private String problemWith(Map<String, String> headers, JsonNode body) {
    String auth = headers.getOrDefault("authorization", "");
    if (!auth.startsWith("Bearer ")) {
      return "auth: missing bearer token";
    }
    String token = auth.substring(7);
    String account = oauthTokens.get(token);
    if (account == null && !apiKeys.containsKey(token)) {
      return "auth: unknown token";
    }
    if (account != null && !account.equals(headers.get("chatgpt-account-id"))) {
      return "auth: Chatgpt-Account-Id missing or wrong";
    }
    if (isBlank(headers.get("originator"))) {
      return "missing Originator header";
    }
    if (isBlank(headers.get("session_id"))) {
      return "missing Session_id header";
    }
    if (!headers.getOrDefault("accept", "").contains("text/event-stream")) {
      return "Accept must be text/event-stream";
    }
    if (!(body instanceof ObjectNode)) {
      return "body must be a JSON object";
    }
    if (!body.path("stream").isBoolean() || !body.path("stream").asBoolean()) {
      return "Stream must be set to true";
    }
    if (!body.path("store").isBoolean() || body.path("store").asBoolean()) {
      return "Store must be set to false";
    }
    for (String field :
        List.of(
            "previous_response_id", "max_output_tokens", "temperature", "top_p", "service_tier")) {
      if (body.has(field)) {
        return "Unsupported parameter: " + field;
      }
    }
    if (!body.path("input").isArray()) {
      return "input must be a list";
    }
    if (isBlank(body.path("model").asText(""))) {
      return "model is required";
    }
    String longName = nameTooLong(body.path("tools"), "tools");
    if (longName == null) {
      longName = nameTooLong(body.path("input"), "input");
    }
    if (longName != null) {
      return longName;
    }
    int i = 0;
    for (JsonNode item : body.path("input")) {
      if (item.path("type").asText().equals("reasoning")) {
        if (!item.path("summary").isArray()) {
          return "Missing required parameter: 'input[" + i + "].summary'.";
        }
        String encrypted = item.path("encrypted_content").asText("");
        if (!issuedReasoning.contains(encrypted)) {
          // What the backend says when it cannot decrypt the item (with store:false there is no
          // other way to refer to earlier reasoning).
          return "The encrypted content for item input[" + i + "] could not be verified.";
        }
      }
      i++;
    }
    return null;
  }

  /** The backend's complaint about the first function name longer than 64 characters, or null. */
  private static String nameTooLong(JsonNode items, String field) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String name = item.path("name").asText("");
      if (item.path("type").asText().startsWith("function") && name.length() > MAX_NAME) {
        return "Invalid '"
            + field
            + "["
            + i
            + "].name': string too long. Expected a string with maximum length "
            + MAX_NAME
            + ", but got a string with length "
            + name.length()
            + " instead.";
      }
    }
    return null;
  }

  private record Refusal(int status, String body) {}

  private void reject(Response response, int status, String body, String why) throws IOException {
    rejections.add(why);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    write(response, true, body);
  }

  private void stream(Response response, ObjectNode request) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
    Sequence seq = new Sequence(response);
    String id = "resp_fake_" + responses.incrementAndGet();
    String model = request.path("model").asText();
    ObjectNode shell = shell(id, model, "in_progress");
    seq.send("response.created", JSON.createObjectNode().set("response", shell.deepCopy()));
    seq.send("response.in_progress", JSON.createObjectNode().set("response", shell.deepCopy()));

    List<JsonNode> output = new ArrayList<>();
    JsonNode tool = firstFunctionTool(request);
    String toolOutput = lastToolOutput(request);
    output.add(reasoning(seq, 0, id, "Thinking about " + lastUserText(request) + "."));
    if (tool != null && toolOutput == null) {
      output.add(functionCall(seq, 1, id, tool.path("name").asText()));
    } else {
      String text =
          toolOutput != null ? "tool said: " + toolOutput : "echo: " + lastUserText(request);
      output.add(message(seq, 1, id, text));
    }
    if (cutBeforeCompleted) {
      write(response, true, "");
      return;
    }
    ObjectNode done = shell(id, model, "completed");
    ArrayNode items = done.putArray("output");
    if (!emptyCompletedOutput) {
      output.forEach(items::add);
    }
    ObjectNode usage = done.putObject("usage");
    usage.put("input_tokens", 11);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", 7);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 2);
    usage.put("total_tokens", 18);
    seq.send("response.completed", JSON.createObjectNode().set("response", done));
    write(response, true, "");
  }

  private static JsonNode functionCall(Sequence seq, int index, String id, String name)
      throws IOException {
    String callId = "call_" + id + "_" + index;
    ObjectNode item =
        JSON.createObjectNode()
            .put("id", "fc_" + id + "_" + index)
            .put("type", "function_call")
            .put("status", "in_progress")
            .put("arguments", "")
            .put("call_id", callId)
            .put("name", name);
    seq.send(
        "response.output_item.added",
        JSON.createObjectNode().put("output_index", index).set("item", item.deepCopy()));
    String arguments = "{\"city\":\"Paris\"}";
    for (String part : List.of(arguments.substring(0, 8), arguments.substring(8))) {
      seq.send(
          "response.function_call_arguments.delta",
          JSON.createObjectNode()
              .put("item_id", item.path("id").asText())
              .put("output_index", index)
              .put("delta", part));
    }
    seq.send(
        "response.function_call_arguments.done",
        JSON.createObjectNode()
            .put("item_id", item.path("id").asText())
            .put("output_index", index)
            .put("arguments", arguments));
    item.put("status", "completed").put("arguments", arguments);
    seq.send(
        "response.output_item.done",
        JSON.createObjectNode().put("output_index", index).set("item", item.deepCopy()));
    return item;
  }

  /**
   * A reasoning item with a summary streamed in two deltas; its encrypted content (a Fernet-like
   * token, URL-safe base64, fresh for each answer) arrives only in {@code output_item.done}.
   */
  private JsonNode reasoning(Sequence seq, int index, String id, String summary)
      throws IOException {
    String itemId = "rs_" + id;
    ObjectNode item = JSON.createObjectNode().put("id", itemId).put("type", "reasoning");
    item.putArray("summary");
    seq.send(
        "response.output_item.added",
        JSON.createObjectNode().put("output_index", index).set("item", item.deepCopy()));
    ObjectNode part = JSON.createObjectNode().put("type", "summary_text").put("text", "");
    seq.send(
        "response.reasoning_summary_part.added",
        JSON.createObjectNode()
            .put("item_id", itemId)
            .put("output_index", index)
            .put("summary_index", 0)
            .set("part", part.deepCopy()));
    int half = summary.length() / 2;
    for (String delta : List.of(summary.substring(0, half), summary.substring(half))) {
      seq.send(
          "response.reasoning_summary_text.delta",
          JSON.createObjectNode()
              .put("item_id", itemId)
              .put("output_index", index)
              .put("summary_index", 0)
              .put("delta", delta));
    }
    seq.send(
        "response.reasoning_summary_text.done",
        JSON.createObjectNode()
            .put("item_id", itemId)
            .put("output_index", index)
            .put("summary_index", 0)
            .put("text", summary));
    part.put("text", summary);
    seq.send(
        "response.reasoning_summary_part.done",
        JSON.createObjectNode()
            .put("item_id", itemId)
            .put("output_index", index)
            .put("summary_index", 0)
            .set("part", part.deepCopy()));
    item.withArray("summary").add(part);
    String encrypted =
        "gAAAAAB"
            + Base64.getUrlEncoder()
                .encodeToString(
                    ("fake-codex-reasoning/" + id + "/" + summary)
                        .getBytes(StandardCharsets.UTF_8));
    issuedReasoning.add(encrypted);
    item.put("encrypted_content", encrypted);
    seq.send(
        "response.output_item.done",
        JSON.createObjectNode().put("output_index", index).set("item", item.deepCopy()));
    return item;
  }

  private static JsonNode message(Sequence seq, int index, String id, String text)
      throws IOException {
    String itemId = "msg_" + id;
    ObjectNode item =
        JSON.createObjectNode()
            .put("id", itemId)
            .put("type", "message")
            .put("status", "in_progress")
            .put("role", "assistant");
    item.putArray("content");
    seq.send(
        "response.output_item.added",
        JSON.createObjectNode().put("output_index", index).set("item", item.deepCopy()));
    ObjectNode emptyPart = JSON.createObjectNode().put("type", "output_text").put("text", "");
    emptyPart.putArray("annotations");
    seq.send(
        "response.content_part.added",
        JSON.createObjectNode()
            .put("item_id", itemId)
            .put("output_index", index)
            .put("content_index", 0)
            .set("part", emptyPart));
    for (int i = 0; i < text.length(); i += 4) {
      seq.send(
          "response.output_text.delta",
          JSON.createObjectNode()
              .put("item_id", itemId)
              .put("output_index", index)
              .put("content_index", 0)
              .put("delta", text.substring(i, Math.min(text.length(), i + 4))));
    }
    seq.send(
        "response.output_text.done",
        JSON.createObjectNode()
            .put("item_id", itemId)
            .put("output_index", index)
            .put("content_index", 0)
            .put("text", text));
    ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    seq.send(
        "response.content_part.done",
        JSON.createObjectNode()
            .put("item_id", itemId)
            .put("output_index", index)
            .put("content_index", 0)
            .set("part", part.deepCopy()));
    item.put("status", "completed");
    item.putArray("content").add(part);
    seq.send(
        "response.output_item.done",
        JSON.createObjectNode().put("output_index", index).set("item", item.deepCopy()));
    return item;
  }

  private static ObjectNode shell(String id, String model, String status) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", 1_700_000_000L);
    r.put("status", status);
    r.put("model", model);
    r.putArray("output");
    r.put("parallel_tool_calls", true);
    r.putNull("previous_response_id");
    r.put("store", false);
    r.putNull("usage");
    return r;
  }

  private static JsonNode firstFunctionTool(JsonNode request) {
    for (JsonNode tool : request.path("tools")) {
      if (tool.path("type").asText().equals("function")) {
        return tool;
      }
    }
    return null;
  }

  /** The output of the last function_call_output item, if the input ends with tool results. */
  private static String lastToolOutput(JsonNode request) {
    JsonNode input = request.path("input");
    if (input.isEmpty()) {
      return null;
    }
    JsonNode last = input.get(input.size() - 1);
    if (!last.path("type").asText().equals("function_call_output")) {
      return null;
    }
    JsonNode output = last.path("output");
    return output.isTextual() ? output.asText() : output.toString();
  }

  private static String lastUserText(JsonNode request) {
    String text = "";
    for (JsonNode item : request.path("input")) {
      if (item.path("role").asText().equals("user")) {
        JsonNode content = item.path("content");
        if (content.isTextual()) {
          text = content.asText();
        } else {
          StringBuilder sb = new StringBuilder();
          content.forEach(part -> sb.append(part.path("text").asText("")));
          text = sb.toString();
        }
      }
    }
    return text;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Writes named events with increasing sequence numbers. */
  private static final class Sequence {
    private final Response response;
    private int next;

    Sequence(Response response) {
      this.response = response;
    }

    void send(String type, ObjectNode data) throws IOException {
      ObjectNode event = JSON.createObjectNode().put("type", type);
      event.put("sequence_number", next++);
      event.setAll(data);
      write(
          response, false, "event: " + type + "\ndata: " + JSON.writeValueAsString(event) + "\n\n");
    }
  }

  private static void write(Response response, boolean last, String text) throws IOException {
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), cb);
      cb.block();
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
