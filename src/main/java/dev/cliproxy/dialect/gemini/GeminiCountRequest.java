package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Gemini's {@code countTokens} body: either {@code {"contents":[…]}} or a whole request wrapped as
 * {@code {"generateContentRequest":{…}}}; this yields the request to count.
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
}
