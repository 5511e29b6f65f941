package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Anthropic's Messages API on 127.0.0.1 ({@code POST /v1/messages} and {@code
 * /v1/messages/count_tokens}), speaking the real wire format: Message JSON, or SSE with {@code
 * message_start}, {@code content_block_start/delta/stop} (thinking with {@code signature_delta},
 * text, tool use), {@code message_delta} with usage and {@code message_stop}.
 *
 * <p>It refuses what Anthropic refuses: no {@code anthropic-version}; no {@code x-api-key} or
 * bearer it knows; an OAuth token without the {@code oauth-2025-04-20} beta, with the retired
 * {@code context-1m-2025-08-07} beta, or without Claude Code's system prompt; {@code max_tokens}
 * not above the thinking budget; a thinking block in the history whose signature it never issued
 * for exactly that thinking text (an unsigned one, another provider's); with thinking on, a last
 * assistant turn that calls a tool without starting with a thinking block.
 *
 * <p>Answers: thinking first when asked for; a tool call to the first tool when tools are given and
 * the last user turn is not a tool result; else the text {@code "echo: <last user text>"}.
 */
public final class FakeClaudeUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNATURE_MARK =
      Base64.getEncoder().encodeToString("fake-claude-signature".getBytes(StandardCharsets.UTF_8));
  public static final String CLAUDE_CODE_PREFIX =
      "You are Claude Code, Anthropic's official CLI for Claude.";

  /** One request as the fake saw it. */
  public record Received(String pathAndQuery, Map<String, String> headers, byte[] rawBody) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode body() {
      try {
        return JSON.readTree(rawBody);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public List<String> betas() {
      String value = header("anthropic-beta");
      return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }
  }

  /** A scripted answer. */
  public record Canned(int status, String contentType, byte[] body) {}

  private final LoopbackJetty server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  private final Set<String> oauthTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> oauthTokenPrefixes = ConcurrentHashMap.newKeySet();

  /** Every signature issued, with the thinking text it signs. */
  private final Map<String, String> signatures = new ConcurrentHashMap<>();

  private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String encoding;
  private volatile CountDownLatch holdAfterFirstDelta;

  private FakeClaudeUpstream() throws Exception {
    server = LoopbackJetty.start("fake-claude", this::serve);
  }

  public static FakeClaudeUpstream start() throws Exception {
    return new FakeClaudeUpstream();
  }

  /** The base URL, for {@code endpoints.claude.api} or a {@code claude-api-key} base-url. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Accepts this key as {@code x-api-key} (or as a bearer, as gateways take keys). */
  public FakeClaudeUpstream acceptApiKey(String key) {
    apiKeys.add(key);
    return this;
  }

  /** Accepts this subscription access token as a bearer. */
  public FakeClaudeUpstream acceptOAuthToken(String token) {
    oauthTokens.add(token);
    return this;
  }

  /** Accepts every subscription token that starts so (tokens a fake token endpoint issues). */
  public FakeClaudeUpstream acceptOAuthTokensStartingWith(String prefix) {
    oauthTokenPrefixes.add(prefix);
    return this;
  }

  /** Encodes answers from now on (gzip, deflate, deflate-raw, br, zstd), null for none. */
  public void compressWith(String contentEncoding) {
    this.encoding = contentEncoding;
  }

  /** Answers the next request with this, instead of a generated answer (checks still apply). */
  public void answerNextWith(Canned answer) {
    canned.add(answer);
  }

  /**
   * Makes the next stream stop after its first text delta until {@link #release()} (at most 20 s),
   * so tests can see whether that delta reached the client while the upstream still holds.
   */
  public void holdAfterFirstDelta() {
    holdAfterFirstDelta = new CountDownLatch(1);
  }

  public void release() {
    CountDownLatch latch = holdAfterFirstDelta;
    if (latch != null) {
      latch.countDown();
    }
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public Received last() {
    return received.get(received.size() - 1);
  }

  private void serve(Request request, Response response) throws IOException {
    String path = Request.getPathInContext(request);
    String query = request.getHttpURI().getQuery();
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .getHeaders()
        .forEach(f -> headers.merge(f.getLowerCaseName(), f.getValue(), (a, b) -> a + "," + b));
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    received.add(new Received(path + (query == null ? "" : "?" + query), Map.copyOf(headers), raw));
    boolean count = path.equals("/v1/messages/count_tokens");
    if (!request.getMethod().equals("POST") || !(path.equals("/v1/messages") || count)) {
      error(response, 404, "not_found_error", "Not found: " + path);
      return;
    }
    String problem = refusal(headers, raw, count);
    if (problem != null) {
      int status = problem.startsWith("401 ") ? 401 : 400;
      error(
          response,
          status,
          status == 401 ? "authentication_error" : "invalid_request_error",
          problem.substring(4));
      return;
    }
    JsonNode body = JSON.readTree(raw);
    if (count) {
      answer(
          response,
          200,
          "application/json",
          bytes(JSON.createObjectNode().put("input_tokens", 1000 + raw.length % 1000)));
      return;
    }
    Canned next = canned.poll();
    if (next != null) {
      answer(response, next.status(), next.contentType(), next.body());
      return;
    }
    ObjectNode message = message(body);
    if (body.path("stream").asBoolean(false)) {
      stream(response, message);
    } else {
      answer(response, 200, "application/json", bytes(message));
    }
  }

  /** Why Anthropic would refuse the request ("401 ..." or "400 ..."), or null. */
  private String refusal(Map<String, String> headers, byte[] raw, boolean count) {
    if (!headers.getOrDefault("content-type", "").startsWith("application/json")) {
      return "400 content-type must be application/json";
    }
    if (!headers.containsKey("anthropic-version")) {
      return "400 anthropic-version: header is required";
    }
    String key = headers.get("x-api-key");
    String auth = headers.getOrDefault("authorization", "");
    String bearer = auth.startsWith("Bearer ") ? auth.substring(7) : null;
    boolean oauth =
        bearer != null
            && (oauthTokens.contains(bearer)
                || oauthTokenPrefixes.stream().anyMatch(bearer::startsWith));
    if (key != null
        ? !apiKeys.contains(key)
        : bearer == null || !(oauth || apiKeys.contains(bearer))) {
      return "401 invalid x-api-key";
    }
    List<String> betas =
        Arrays.stream(headers.getOrDefault("anthropic-beta", "").split(","))
            .map(String::trim)
            .toList();
    if (oauth && !betas.contains("oauth-2025-04-20")) {
      return "401 OAuth authentication is currently not supported.";
    }
    if (oauth && betas.contains("context-1m-2025-08-07")) {
      return "400 The long context beta is not yet available for this subscription.";
    }
    JsonNode body;
    try {
      body = JSON.readTree(raw);
    } catch (IOException e) {
      return "400 There was an error parsing the body as JSON";
    }
    if (body == null || !body.isObject() || !body.path("model").isTextual()) {
      return "400 model: Field required";
    }
    if (!body.path("messages").isArray()) {
      return "400 messages: Field required";
    }
    if (count && body.has("max_tokens")) {
      return "400 max_tokens: Extra inputs are not permitted";
    }
    if (!count && !body.path("max_tokens").isNumber()) {
      return "400 max_tokens: Field required";
    }
    if (oauth && !claudeCodeSystem(body.path("system"))) {
      return "400 This credential is only authorized for use with Claude Code.";
    }
    JsonNode thinking = body.path("thinking");
    if (!count
        && thinking.path("type").asText().equals("enabled")
        && body.path("max_tokens").asLong() <= thinking.path("budget_tokens").asLong()) {
      return "400 `max_tokens` must be greater than `thinking.budget_tokens`.";
    }
    int m = 0;
    for (JsonNode msg : body.path("messages")) {
      int c = 0;
      for (JsonNode block : msg.path("content")) {
        if (block.path("type").asText().equals("thinking")
            && !block
                .path("thinking")
                .asText()
                .equals(signatures.get(block.path("signature").asText()))) {
          return "400 messages."
              + m
              + ".content."
              + c
              + ": Invalid `signature` in `thinking` block";
        }
        c++;
      }
      m++;
    }
    if (!count && thinking.path("type").asText().equals("enabled")) {
      return toolLoopWithoutThinking(body.path("messages"));
    }
    return null;
  }

  /**
   * With thinking on, the last assistant turn, when it calls a tool, must start with the thinking
   * that led to the call, as Anthropic requires.
   */
  private static String toolLoopWithoutThinking(JsonNode messages) {
    for (int m = messages.size() - 1; m >= 0; m--) {
      JsonNode msg = messages.get(m);
      if (!msg.path("role").asText().equals("assistant")) {
        continue;
      }
      boolean callsTool = false;
      for (JsonNode block : msg.path("content")) {
        callsTool |= block.path("type").asText().equals("tool_use");
      }
      String first = msg.path("content").path(0).path("type").asText("text");
      if (callsTool && !first.equals("thinking") && !first.equals("redacted_thinking")) {
        return "400 messages."
            + m
            + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
            + first
            + "`. When `thinking` is enabled, a final `assistant` message must start with a"
            + " thinking block (preceeding the lastmost set of `tool_use` and `tool_result`"
            + " blocks). We recommend you include thinking blocks from previous turns. To avoid"
            + " this requirement, disable `thinking`.";
      }
      return null;
    }
    return null;
  }

  /** The signatures this fake issued: base64, like Anthropic's, and different for each answer. */
  public static boolean isIssuedSignature(String value) {
    return value.startsWith(SIGNATURE_MARK);
  }

  private static boolean claudeCodeSystem(JsonNode system) {
    String first =
        system.isArray() && !system.isEmpty() ? system.get(0).path("text").asText("") : "";
    return first.equals(CLAUDE_CODE_PREFIX) || first.startsWith("x-anthropic-billing-header:");
  }

  private ObjectNode message(JsonNode request) {
    int n = ids.incrementAndGet();
    ObjectNode out = JSON.createObjectNode();
    out.put("id", "msg_fake_" + n);
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", request.path("model").asText());
    ArrayNode content = out.putArray("content");
    String user = lastUserText(request);
    String thinkingType = request.path("thinking").path("type").asText("");
    if (thinkingType.equals("enabled") || thinkingType.equals("adaptive")) {
      String thought = "The user said " + user + ".";
      String signature =
          Base64.getEncoder()
              .encodeToString(
                  ("fake-claude-signature/" + n + "/" + Integer.toHexString(thought.hashCode()))
                      .getBytes(StandardCharsets.UTF_8));
      signatures.put(signature, thought);
      content
          .addObject()
          .put("type", "thinking")
          .put("thinking", thought)
          .put("signature", signature);
    }
    boolean toolTurn = request.path("tools").size() > 0 && !lastUserHasToolResult(request);
    if (toolTurn) {
      ObjectNode use = content.addObject();
      use.put("type", "tool_use");
      use.put("id", "toolu_fake_" + n);
      use.put("name", request.path("tools").get(0).path("name").asText());
      use.putObject("input").put("city", "Paris");
      out.put("stop_reason", "tool_use");
    } else {
      content.addObject().put("type", "text").put("text", "echo: " + user);
      out.put("stop_reason", "end_turn");
    }
    out.putNull("stop_sequence");
    out.putObject("usage")
        .put("input_tokens", 11)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", 7);
    return out;
  }

  private static String lastUserText(JsonNode request) {
    String text = "";
    for (JsonNode msg : request.path("messages")) {
      if (!msg.path("role").asText().equals("user")) {
        continue;
      }
      JsonNode content = msg.path("content");
      if (content.isTextual()) {
        text = content.asText();
      } else {
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
          if (block.path("type").asText().equals("text")) {
            sb.append(block.path("text").asText());
          } else if (block.path("type").asText().equals("tool_result")) {
            JsonNode result = block.path("content");
            sb.append("tool said ")
                .append(
                    result.isTextual() ? result.asText() : result.path(0).path("text").asText());
          }
        }
        text = sb.toString();
      }
    }
    return text;
  }

  private static boolean lastUserHasToolResult(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last == null) {
      return false;
    }
    for (JsonNode block : last.path("content")) {
      if (block.path("type").asText().equals("tool_result")) {
        return true;
      }
    }
    return false;
  }

  private void stream(Response response, ObjectNode message) throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    String enc = encoding;
    if (enc != null) {
      response.getHeaders().put(HttpHeader.CONTENT_ENCODING, wireName(enc));
    }
    CountDownLatch hold = holdAfterFirstDelta;
    holdAfterFirstDelta = null;
    try (OutputStream raw = Content.Sink.asOutputStream(response);
        OutputStream out = enc == null ? raw : StreamingEncoders.open(enc, raw)) {
      ObjectNode start = message.deepCopy();
      ArrayNode blocks = (ArrayNode) start.replace("content", JSON.createArrayNode());
      start.with("usage").put("output_tokens", 1);
      start.remove("stop_reason");
      start.putNull("stop_reason");
      event(
          out,
          "message_start",
          JSON.createObjectNode().put("type", "message_start").set("message", start));
      int index = 0;
      boolean held = false;
      for (JsonNode block : blocks) {
        String type = block.path("type").asText();
        ObjectNode startBlock = JSON.createObjectNode().put("type", type);
        switch (type) {
          case "thinking" -> startBlock.put("thinking", "").put("signature", "");
          case "text" -> startBlock.put("text", "");
          default ->
              startBlock
                  .put("id", block.path("id").asText())
                  .put("name", block.path("name").asText())
                  .putObject("input");
        }
        event(
            out,
            "content_block_start",
            JSON.createObjectNode()
                .put("type", "content_block_start")
                .put("index", index)
                .set("content_block", startBlock));
        if (index == 0) {
          event(out, "ping", JSON.createObjectNode().put("type", "ping"));
        }
        switch (type) {
          case "thinking" -> {
            for (String piece : pieces(block.path("thinking").asText())) {
              delta(
                  out,
                  index,
                  JSON.createObjectNode().put("type", "thinking_delta").put("thinking", piece));
            }
            delta(
                out,
                index,
                JSON.createObjectNode()
                    .put("type", "signature_delta")
                    .put("signature", block.path("signature").asText()));
          }
          case "text" -> {
            for (String piece : pieces(block.path("text").asText())) {
              delta(
                  out, index, JSON.createObjectNode().put("type", "text_delta").put("text", piece));
              if (hold != null && !held) {
                held = true;
                try {
                  hold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
          }
          default -> {
            String input = JSON.writeValueAsString(block.path("input"));
            for (String piece : pieces(input)) {
              delta(
                  out,
                  index,
                  JSON.createObjectNode()
                      .put("type", "input_json_delta")
                      .put("partial_json", piece));
            }
          }
        }
        event(
            out,
            "content_block_stop",
            JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
        index++;
      }
      ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
      delta
          .putObject("delta")
          .put("stop_reason", message.path("stop_reason").asText())
          .putNull("stop_sequence");
      delta.putObject("usage").put("output_tokens", 7);
      event(out, "message_delta", delta);
      event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
    }
  }

  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 4) {
      out.add(text.substring(i, Math.min(text.length(), i + 4)));
    }
    if (out.isEmpty()) {
      out.add("");
    }
    return out;
  }

  private static void delta(OutputStream out, int index, ObjectNode delta) throws IOException {
    event(
        out,
        "content_block_delta",
        JSON.createObjectNode()
            .put("type", "content_block_delta")
            .put("index", index)
            .set("delta", delta));
  }

  private static void event(OutputStream out, String name, JsonNode data) throws IOException {
    out.write(
        ("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void error(Response response, int status, String type, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    answer(response, status, "application/json", bytes(body));
  }

  private void answer(Response response, int status, String contentType, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    String enc = encoding;
    byte[] out = body;
    if (enc != null) {
      out = enc.equals("zstd") ? zstd(body) : StreamingEncoders.encode(enc, body);
      response.getHeaders().put(HttpHeader.CONTENT_ENCODING, wireName(enc));
    }
    try (OutputStream stream = Content.Sink.asOutputStream(response)) {
      stream.write(out);
    }
  }

  /** Whole answers get real Zstandard compression. */
  private static byte[] zstd(byte[] data) {
    io.airlift.compress.zstd.ZstdCompressor compressor =
        new io.airlift.compress.zstd.ZstdCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(data.length)];
    int n = compressor.compress(data, 0, data.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private static String wireName(String encoding) {
    return encoding.equals("deflate-raw") ? "deflate" : encoding;
  }

  private static byte[] bytes(JsonNode node) throws IOException {
    return JSON.writeValueAsBytes(node);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
