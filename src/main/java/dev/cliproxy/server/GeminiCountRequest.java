package dev.cliproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Gemini's {@code countTokens} body: either {@code {"contents":[…]}} or a whole request wrapped as
 * {@code {"generateContentRequest":{…}}}; this yields the request to count.
 */
final class GeminiCountRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeminiCountRequest() {}

  static byte[] innerRequest(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode inner = root == null ? null : root.get("generateContentRequest");
      return inner != null && inner.isObject() ? JSON.writeValueAsBytes(inner) : body;
    } catch (IOException notJson) {
      return body; // RequestHead reports what is wrong with it
    }
  }
}
