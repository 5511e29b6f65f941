package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Gemini's {@code countTokens} body: either {@code {"contents":[…]}} or a whole request wrapped as
 * {@code {"generateContentRequest":{…}}}; this yields the request to count. Gemini CLI's Code
 * Assist count is {@code {"request":{"model":"models/M","contents":[…]}}}: the model is inside.
 */
public final class GeminiCountRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeminiCountRequest() {}

  /** The request to count: the wrapped {@code generateContentRequest}, or the body itself. */
  public static byte[] innerRequest(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode inner = root == null ? null : root.get("generateContentRequest");
      return inner != null && inner.isObject() ? JSON.writeValueAsBytes(inner) : body;
    } catch (IOException notJson) {
      return body; // the request decoder reports what is wrong with it
    }
  }

  /** The model a Code Assist count names inside its request, without {@code models/}. */
  public static Optional<String> codeAssistModel(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode model = root == null ? null : root.path("request").get("model");
      if (model == null || !model.isTextual() || model.asText().isBlank()) {
        return Optional.empty();
      }
      String name = model.asText();
      return Optional.of(name.startsWith("models/") ? name.substring("models/".length()) : name);
    } catch (IOException notJson) {
      return Optional.empty(); // the request decoder reports what is wrong with it
    }
  }
}
