package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.provider.AcceptEncoding;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain Gemini {@code models} resource that API keys (generativelanguage, {@code
 * <base>/v1beta/models}) and Vertex ({@code <base>/v1/projects/P/locations/L/publishers/google/
 * models}) share: {@code M:generateContent}, {@code M:streamGenerateContent?alt=sse} and {@code
 * M:countTokens}, with the caller's authentication and custom headers (applied last).
 *
 * @param modelsUrl the collection URL, without a trailing slash
 * @param auth the authentication header (e.g. {@code x-goog-api-key}, or a bearer)
 * @param extra custom headers from the config, applied last
 * @param countShape how the counting endpoint wants the request to count
 */
public record GeminiModelsApi(
    String modelsUrl,
    Map.Entry<String, String> auth,
    Map<String, String> extra,
    CountShape countShape) {

  /** The fields of a request the counting endpoint is not given (they do not count as prompt). */
  private static final Set<String> NOT_COUNTED =
      Set.of("generationConfig", "generation_config", "safetySettings", "safety_settings");

  /** How a counting endpoint takes the request it counts. */
  public enum CountShape {
    /**
     * generativelanguage: {@code {"generateContentRequest":{"model":"models/M",…}}}, as its {@code
     * CountTokensRequest} has no field for a system instruction or tools of its own.
     */
    WRAPPED,
    /**
     * Vertex: the request's own fields ({@code contents}, {@code systemInstruction}, {@code
     * tools}).
     */
    FLAT
  }

  public GeminiModelsApi {
    while (modelsUrl.endsWith("/")) {
      modelsUrl = modelsUrl.substring(0, modelsUrl.length() - 1);
    }
    extra = Map.copyOf(extra);
  }

  /** The generate request for one call: streamed when {@code call.stream()}. */
  public UpstreamRequest generate(UpstreamCall call) {
    // Gemini names the model in the path; a translated body never holds one, a client's may.
    if (call.body().peek().has("model")) {
      call.body().tree().remove("model");
    }
    String action = call.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
    return new UpstreamRequest(
        url(call.upstreamModel(), action), headers(call.stream()), call.body().bytes());
  }

  /** The counting request for one call (its body a Gemini request, or a count body). */
  public UpstreamRequest countTokens(UpstreamCall call) {
    ObjectNode sent = call.body().peek();
    JsonNode wrapped = sent.get("generateContentRequest");
    ObjectNode request = (wrapped instanceof ObjectNode inner ? inner : sent).deepCopy();
    request.remove("model");
    NOT_COUNTED.forEach(request::remove);
    ObjectNode body;
    if (countShape == CountShape.WRAPPED) {
      body = request.objectNode();
      ObjectNode inner = body.putObject("generateContentRequest");
      inner.put("model", "models/" + call.upstreamModel());
      inner.setAll(request);
    } else {
      body = request;
    }
    ObjectNode tree = call.body().tree();
    tree.removeAll();
    tree.setAll(body);
    return new UpstreamRequest(
        url(call.upstreamModel(), ":countTokens"), headers(false), call.body().bytes());
  }

  private URI url(String model, String action) {
    return URI.create(modelsUrl + "/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + action);
  }

  private List<Map.Entry<String, String>> headers(boolean stream) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    out.add(Map.entry("Content-Type", "application/json"));
    out.add(auth);
    out.add(Map.entry("Accept", stream ? "text/event-stream" : "application/json"));
    out.add(Map.entry("Accept-Encoding", AcceptEncoding.forCall(stream)));
    out.addAll(extra.entrySet());
    return out;
  }
}
