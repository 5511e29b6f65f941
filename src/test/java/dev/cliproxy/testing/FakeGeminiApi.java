package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Google's Gemini API (generativelanguage) on 127.0.0.1: {@code POST
 * /v1beta/models/M:generateContent}, {@code :streamGenerateContent?alt=sse} and {@code
 * :countTokens} ({@link FakeGeminiModels}).
 *
 * <p>It refuses what Google refuses: a missing or unknown {@code x-goog-api-key} with the real 400
 * {@code API_KEY_INVALID} body; and, stricter than Google, any key in the query string ({@code
 * ?key=}), which the proxy must never put in an address that proxies and logs see. Scripted 429s
 * carry Google's {@code RetryInfo}.
 */
public final class FakeGeminiApi implements AutoCloseable {
  private static final String PREFIX = "/v1beta/models/";

  private final LoopbackJetty server;
  private final FakeGeminiModels models;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<String> exhausted = new ConcurrentLinkedQueue<>();

  private FakeGeminiApi(Set<String> modelNames) throws Exception {
    models = new FakeGeminiModels(modelNames, Set.of("contents", "generateContentRequest"), true);
    server = LoopbackJetty.start("fake-gemini-api", this::serve);
  }

  /** A fake that knows these models. */
  public static FakeGeminiApi start(String... models) throws Exception {
    return new FakeGeminiApi(Set.of(models));
  }

  /** The base URL, for a {@code gemini-api-key} base-url or {@code endpoints.gemini.api}. */
  public String baseUrl() {
    return server.origin();
  }

  /** Accepts this API key. */
  public FakeGeminiApi acceptKey(String key) {
    keys.add(key);
    return this;
  }

  /**
   * The next model call with this key is refused with 429 {@code RESOURCE_EXHAUSTED} and a {@code
   * RetryInfo} of {@code retryDelay} (e.g. {@code "37s"}).
   */
  public FakeGeminiApi exhaustNext(String key, String retryDelay) {
    exhausted.add(key + "\0" + retryDelay);
    return this;
  }

  /** Every request, in order. */
  public List<FakeGeminiModels.Received> received() {
    return models.received();
  }

  private void serve(Request request, Response response) throws IOException {
    FakeGeminiModels.Received r = models.read(request);
    FakeGeminiModels.Call call = FakeGeminiModels.call(r.path(), PREFIX);
    if (!request.getMethod().equals("POST") || call == null) {
      FakeGeminiModels.error(response, 404, "NOT_FOUND", "Not Found: " + r.path());
      return;
    }
    if (r.query().contains("key=")) {
      FakeGeminiModels.error(
          response, 400, "INVALID_ARGUMENT", "the fake refuses API keys in the query string");
      return;
    }
    String key = r.header("x-goog-api-key");
    if (key == null || !keys.contains(key)) {
      FakeGeminiModels.json(response, 400, invalidKey());
      return;
    }
    for (String entry : exhausted) {
      if (entry.startsWith(key + "\0") && exhausted.remove(entry)) {
        FakeGeminiModels.json(response, 429, exhaustedBody(entry.substring(key.length() + 1)));
        return;
      }
    }
    models.answer(r, call, "v1beta", response);
  }

  /** Google's answer to a wrong key, as generativelanguage sends it. */
  public static ObjectNode invalidKey() {
    String message = "API key not valid. Please pass a valid API key.";
    ObjectNode body = FakeGeminiModels.errorBody(400, "INVALID_ARGUMENT", message);
    ArrayNode details = ((ObjectNode) body.get("error")).putArray("details");
    ObjectNode info =
        details
            .addObject()
            .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
            .put("reason", "API_KEY_INVALID")
            .put("domain", "googleapis.com");
    info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
    details
        .addObject()
        .put("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
        .put("locale", "en-US")
        .put("message", message);
    return body;
  }

  private static ObjectNode exhaustedBody(String retryDelay) {
    ObjectNode body =
        FakeGeminiModels.errorBody(
            429,
            "RESOURCE_EXHAUSTED",
            "You exceeded your current quota, please check your plan and billing details.");
    ArrayNode details = ((ObjectNode) body.get("error")).putArray("details");
    details
        .addObject()
        .put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
        .putArray("violations")
        .addObject()
        .put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
        .put("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    details
        .addObject()
        .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
        .put("retryDelay", retryDelay);
    return body;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
