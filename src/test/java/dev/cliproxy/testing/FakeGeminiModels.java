package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The Gemini {@code models} resource both Google fakes serve ({@link FakeGeminiApi}, {@link
 * FakeVertex}): {@code M:generateContent}, {@code M:streamGenerateContent?alt=sse} and {@code
 * M:countTokens} in Google's wire format (as recorded from Gemini CLI), refusing unknown request
 * fields ("Invalid JSON payload received. Unknown name …"), a request without {@code contents} and
 * unknown models with Google's error bodies, and tools and signatures as {@link
 * GeminiFunctionCalling} does. Answers say {@code "echo: <last user text>"}.
 */
public final class FakeGeminiModels {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The fields a GenerateContentRequest may have, in both spellings. */
  private static final Set<String> GENERATE_FIELDS =
      Set.of(
          "contents",
          "systemInstruction",
          "system_instruction",
          "tools",
          "toolConfig",
          "tool_config",
          "generationConfig",
          "generation_config",
          "safetySettings",
          "safety_settings",
          "cachedContent",
          "cached_content",
          "labels");

  /** One request as a fake saw it. */
  public record Received(String path, String query, Map<String, String> headers, JsonNode body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A model call's parts: the model and the action after the colon. */
  record Call(String model, String action) {}

  private final Set<String> models;
  private final Set<String> countFields;
  private final boolean countWrapped;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final GeminiFunctionCalling functions = new GeminiFunctionCalling();

  /**
   * @param models the models it knows
   * @param countFields the fields its countTokens request takes
   * @param countWrapped whether a {@code generateContentRequest} in the count body needs a {@code
   *     model} (generativelanguage)
   */
  FakeGeminiModels(Set<String> models, Set<String> countFields, boolean countWrapped) {
    this.models = Set.copyOf(models);
    this.countFields = Set.copyOf(countFields);
    this.countWrapped = countWrapped;
  }

  /** Every request, in order. */
  public List<Received> received() {
    return received;
  }

  /** Reads and records one request. */
  Received read(Request request) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .getHeaders()
        .forEach(f -> headers.merge(f.getLowerCaseName(), f.getValue(), (a, b) -> a + "," + b));
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    JsonNode body = raw.length == 0 ? JSON.missingNode() : readOrNull(raw);
    String query = request.getHttpURI().getQuery();
    Received r =
        new Received(
            Request.getPathInContext(request),
            query == null ? "" : query,
            Map.copyOf(headers),
            body);
    received.add(r);
    return r;
  }

  /** The model and action of a path ending in {@code models/M:action}, or null. */
  static Call call(String path, String modelsPrefix) {
    if (!path.startsWith(modelsPrefix)) {
      return null;
    }
    String rest = path.substring(modelsPrefix.length());
    int colon = rest.lastIndexOf(':');
    return colon <= 0 || rest.contains("/")
        ? null
        : new Call(rest.substring(0, colon), rest.substring(colon + 1));
  }

  /** Answers a model call whose caller is already let in. */
  void answer(Received r, Call call, String versionName, Response response) throws IOException {
    boolean stream = call.action().equals("streamGenerateContent");
    boolean count = call.action().equals("countTokens");
    if (!stream && !count && !call.action().equals("generateContent")) {
      error(response, 404, "NOT_FOUND", "Method not found.");
      return;
    }
    if (!models.contains(call.model())) {
      error(
          response,
          404,
          "NOT_FOUND",
          "models/"
              + call.model()
              + " is not found for API version "
              + versionName
              + ", or is not supported for "
              + call.action()
              + ". Call ListModels to see the list of available models and their supported"
              + " methods.");
      return;
    }
    if (r.body() == null || !r.body().isObject()) {
      error(response, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
      return;
    }
    JsonNode request = r.body();
    String problem = count ? countProblem(request) : generateProblem(request, "");
    if (problem == null && !count) {
      problem = functions.problem(request);
    }
    if (problem != null) {
      error(response, 400, "INVALID_ARGUMENT", problem);
      return;
    }
    if (count) {
      JsonNode counted =
          request.has("generateContentRequest") ? request.get("generateContentRequest") : request;
      ObjectNode answer = JSON.createObjectNode().put("totalTokens", tokens(counted));
      answer
          .putArray("promptTokensDetails")
          .addObject()
          .put("modality", "TEXT")
          .put("tokenCount", tokens(counted));
      json(response, 200, answer);
    } else if (stream) {
      if (!"alt=sse".equals(r.query())) {
        error(response, 400, "INVALID_ARGUMENT", "the fake only streams as SSE (alt=sse)");
        return;
      }
      stream(response, request, call.model());
    } else {
      json(response, 200, whole(request, call.model()));
    }
  }

  private String generateProblem(JsonNode request, String prefix) {
    for (var names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!GENERATE_FIELDS.contains(name)) {
        return unknown(prefix + name);
      }
    }
    if (!request.path("contents").isArray() || request.path("contents").isEmpty()) {
      return "* GenerateContentRequest.contents: contents is not specified";
    }
    return null;
  }

  private String countProblem(JsonNode request) {
    for (var names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!countFields.contains(name)) {
        return unknown(name);
      }
    }
    JsonNode inner = request.get("generateContentRequest");
    if (inner == null) {
      return generateProblem(request, "");
    }
    ObjectNode copy = inner.deepCopy();
    if (countWrapped && !copy.path("model").asText().startsWith("models/")) {
      return "* CountTokensRequest.generate_content_request.model: model is required";
    }
    copy.remove("model");
    return generateProblem(copy, "generate_content_request.");
  }

  private static String unknown(String name) {
    return "Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.";
  }

  /** A whole-word count of every text in the request, the fake's "tokens". */
  static long tokens(JsonNode request) {
    long words = 0;
    for (JsonNode text : request.findValues("text")) {
      String t = text.asText().trim();
      words += t.isEmpty() ? 0 : t.split("\\s+").length;
    }
    return words;
  }

  private static String lastUserText(JsonNode request) {
    String last = "";
    for (JsonNode content : request.path("contents")) {
      if (!"model".equals(content.path("role").asText())) {
        for (JsonNode part : content.path("parts")) {
          if (part.has("text")) {
            last = part.path("text").asText();
          }
        }
      }
    }
    return last;
  }

  private ObjectNode whole(JsonNode request, String model) {
    ObjectNode answer = chunk(model, "echo: " + lastUserText(request));
    ObjectNode called = functions.answer(request);
    if (called != null) {
      ((ObjectNode) answer.path("candidates").get(0)).set("content", called);
    }
    ((ObjectNode) answer.path("candidates").get(0)).put("finishReason", "STOP");
    usage(answer, request, true);
    return answer;
  }

  private void stream(Response response, JsonNode request, String model) throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    String id = "fake" + ids.incrementAndGet();
    ObjectNode first = chunk(model, "echo: ");
    first.put("responseId", id);
    usage(first, request, false);
    ObjectNode last = chunk(model, lastUserText(request));
    ObjectNode called = functions.answer(request);
    if (called != null) {
      ((ObjectNode) first.path("candidates").get(0)).set("content", called);
      ((ObjectNode) last.path("candidates").get(0).path("content").path("parts").get(0))
          .put("text", "");
    }
    last.put("responseId", id);
    ((ObjectNode) last.path("candidates").get(0)).put("finishReason", "STOP");
    usage(last, request, true);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      for (ObjectNode event : List.of(first, last)) {
        out.write(
            ("data: " + JSON.writeValueAsString(event) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private ObjectNode chunk(String model, String text) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode candidates = answer.putArray("candidates");
    ObjectNode candidate = candidates.addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    content.putArray("parts").addObject().put("text", text);
    candidate.put("index", 0);
    answer.put("modelVersion", model);
    answer.put("responseId", "fake" + ids.incrementAndGet());
    return answer;
  }

  private static void usage(ObjectNode answer, JsonNode request, boolean done) {
    long prompt = tokens(request);
    ObjectNode usage = answer.putObject("usageMetadata").put("promptTokenCount", prompt);
    if (done) {
      usage.put("candidatesTokenCount", 3).put("totalTokenCount", prompt + 3);
    } else {
      usage.put("totalTokenCount", prompt);
    }
  }

  /** Google's error body: {@code {"error":{"code","message","status"}}}. */
  static ObjectNode errorBody(int code, String status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message).put("status", status);
    return body;
  }

  static void error(Response response, int code, String status, String message) throws IOException {
    json(response, code, errorBody(code, status, message));
  }

  static void json(Response response, int status, JsonNode body) throws IOException {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(JSON.writeValueAsBytes(body));
    }
  }

  private static JsonNode readOrNull(byte[] raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }
}
