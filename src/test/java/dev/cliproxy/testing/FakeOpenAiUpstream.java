package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.server.HangUpWatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * An OpenAI-compatible upstream on 127.0.0.1 speaking the real Chat Completions wire format, with
 * per-key scripted failures and a record of every request it received.
 *
 * <p>Answers: the assistant text is {@code "echo: <last user message>"}; when the request has
 * tools, the answer is one tool call per tool (parallel calls). Streams send the text in deltas of
 * 4 characters, then a finish chunk, a usage chunk and {@code [DONE]}. A user message {@code
 * "slow-stream"} makes the stream send a delta every 50 ms for up to 60 s, so tests can hang up
 * mid-stream.
 */
public final class FakeOpenAiUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake saw it. */
  public record Received(String path, Map<String, String> headers, JsonNode body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** A scripted failure for requests with a given key. */
  public record Failure(int status, Map<String, String> headers, String body) {}

  private final String name;
  private final LoopbackJetty server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final AtomicInteger streamsCancelled = new AtomicInteger();
  private final AtomicInteger streamsCompleted = new AtomicInteger();
  private final AtomicInteger streamsActive = new AtomicInteger();
  private final AtomicInteger holdsActive = new AtomicInteger();
  private final AtomicInteger holdsCancelled = new AtomicInteger();

  private FakeOpenAiUpstream(String name) throws Exception {
    this.name = name;
    server = LoopbackJetty.start("fake-" + name, this::serve);
  }

  public static FakeOpenAiUpstream start(String name) throws Exception {
    return new FakeOpenAiUpstream(name);
  }

  /** The base URL to put in {@code openai-compatibility[].base-url}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /** Makes requests bearing {@code apiKey} fail with this status, headers and body. */
  public void failFor(String apiKey, int status, Map<String, String> headers, String body) {
    failures.put(apiKey, new Failure(status, headers, body));
  }

  public void clearFailures() {
    failures.clear();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public int streamsCancelled() {
    return streamsCancelled.get();
  }

  public int streamsCompleted() {
    return streamsCompleted.get();
  }

  public int streamsActive() {
    return streamsActive.get();
  }

  private void serve(Request request, Response response) throws IOException {
    String path = Request.getPathInContext(request);
    Map<String, String> headers = new java.util.HashMap<>();
    request.getHeaders().forEach(f -> headers.put(f.getLowerCaseName(), f.getValue()));
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    received.add(new Received(path, Map.copyOf(headers), body));

    String auth = headers.getOrDefault("authorization", "");
    String key = auth.startsWith("Bearer ") ? auth.substring(7) : "";
    Failure failure = failures.get(key);
    if (failure != null) {
      response.setStatus(failure.status());
      failure.headers().forEach((n, v) -> response.getHeaders().put(n, v));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      write(response, true, failure.body());
      return;
    }
    if (!path.equals("/v1/chat/completions")) {
      response.setStatus(404);
      write(
          response,
          true,
          "{\"error\":{\"message\":\"no route " + path + "\",\"type\":\"invalid_request_error\"}}");
      return;
    }
    if (body.has("messages") && !body.path("messages").isArray()) {
      // As a real OpenAI-compatible server did: a malformed body breaks it, and it answers 500.
      response.setStatus(500);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      write(
          response, true, "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}");
      return;
    }
    String model = body.path("model").asText();
    if (model.equals("upstream-rejects")) {
      response.setStatus(400);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      write(
          response,
          true,
          "{\"error\":{\"message\":\"This model does not support that parameter.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_parameter\"}}");
      return;
    }
    String userText = lastUserText(body);
    if (userText.equals("hold")) {
      hold(request);
      return;
    }
    boolean stream = body.path("stream").asBoolean(false);
    if (stream) {
      streamAnswer(response, body, model, userText);
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      write(response, true, JSON.writeValueAsString(completion(body, model, userText)));
    }
  }

  /** Answers nothing for up to 60 s, noticing at once when the caller goes away. */
  private void hold(Request request) throws IOException {
    java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
    HangUpWatch watch = HangUpWatch.start(request, gone::countDown);
    holdsActive.incrementAndGet();
    try {
      if (gone.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
        holdsCancelled.incrementAndGet();
        throw new IOException("caller went away");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watch.stop();
      holdsActive.decrementAndGet();
    }
  }

  public int holdsActive() {
    return holdsActive.get();
  }

  public int holdsCancelled() {
    return holdsCancelled.get();
  }

  private ObjectNode completion(JsonNode request, String model, String userText) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", "chatcmpl-" + name);
    out.put("object", "chat.completion");
    out.put("created", 1_700_000_000L);
    out.put("model", model);
    ArrayNode choices = out.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (request.path("tools").size() > 0) {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      int i = 0;
      for (JsonNode tool : request.path("tools")) {
        ObjectNode call = calls.addObject();
        call.put("id", "call_" + name + "_" + i++);
        call.put("type", "function");
        call.putObject("function")
            .put("name", tool.path("function").path("name").asText())
            .put("arguments", "{\"city\":\"Paris\"}");
      }
      choice.put("finish_reason", "tool_calls");
    } else {
      message.put("content", "echo: " + userText);
      choice.put("finish_reason", "stop");
    }
    out.set("usage", usage());
    return out;
  }

  private void streamAnswer(Response response, JsonNode request, String model, String userText)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
    streamsActive.incrementAndGet();
    try {
      event(response, chunk(model, delta("role", "assistant"), null));
      if (request.path("tools").size() > 0) {
        int i = 0;
        for (JsonNode tool : request.path("tools")) {
          ObjectNode d = JSON.createObjectNode();
          ArrayNode calls = d.putArray("tool_calls");
          ObjectNode call = calls.addObject();
          call.put("index", i);
          call.put("id", "call_" + name + "_" + i);
          call.put("type", "function");
          call.putObject("function")
              .put("name", tool.path("function").path("name").asText())
              .put("arguments", "{\"city\":\"Paris\"}");
          event(response, chunk(model, d, null));
          i++;
        }
        event(response, chunk(model, JSON.createObjectNode(), "tool_calls"));
      } else if (userText.equals("slow-stream")) {
        for (int i = 0; i < 1200; i++) {
          event(response, chunk(model, delta("content", "tick " + i + " "), null));
          sleep(50);
        }
        event(response, chunk(model, JSON.createObjectNode(), "stop"));
      } else {
        String text = "echo: " + userText;
        for (int i = 0; i < text.length(); i += 4) {
          event(
              response,
              chunk(
                  model,
                  delta("content", text.substring(i, Math.min(text.length(), i + 4))),
                  null));
        }
        event(response, chunk(model, JSON.createObjectNode(), "stop"));
      }
      ObjectNode usageChunk = chunk(model, null, null);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage());
      event(response, usageChunk);
      write(response, false, "data: [DONE]\n\n");
      write(response, true, "");
      streamsCompleted.incrementAndGet();
    } catch (IOException e) {
      streamsCancelled.incrementAndGet();
      throw e;
    } finally {
      streamsActive.decrementAndGet();
    }
  }

  private ObjectNode chunk(String model, ObjectNode delta, String finish) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", "chatcmpl-" + name);
    out.put("object", "chat.completion.chunk");
    out.put("created", 1_700_000_000L);
    out.put("model", model);
    if (delta != null) {
      ObjectNode choice = out.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
    }
    return out;
  }

  private static ObjectNode delta(String field, String value) {
    ObjectNode d = JSON.createObjectNode();
    d.put(field, value);
    return d;
  }

  private static ObjectNode usage() {
    ObjectNode u = JSON.createObjectNode();
    u.put("prompt_tokens", 11);
    u.put("completion_tokens", 7);
    u.put("total_tokens", 18);
    return u;
  }

  private static String lastUserText(JsonNode body) {
    String text = "";
    for (JsonNode message : body.path("messages")) {
      if (message.path("role").asText().equals("user")) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          text = content.asText();
        } else if (content.isArray()) {
          StringBuilder sb = new StringBuilder();
          content.forEach(part -> sb.append(part.path("text").asText("")));
          text = sb.toString();
        }
      }
    }
    return text;
  }

  private static void event(Response response, ObjectNode chunk) throws IOException {
    write(response, false, "data: " + JSON.writeValueAsString(chunk) + "\n\n");
  }

  private static void write(Response response, boolean last, String text) throws IOException {
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), cb);
      cb.block();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
