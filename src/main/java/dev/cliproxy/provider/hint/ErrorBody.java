package dev.cliproxy.provider.hint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code error} object of a JSON error body, in the shape most upstreams share: OpenAI's {@code
 * {"error":{"code","type","message"}}}, Anthropic's {@code
 * {"type":"error","error":{"type","message"}}}, Google's {@code {"error":{"code","status",
 * "details"}}}. Answers wrapped in an array (as Google's streaming endpoints send them) are read
 * too.
 */
public final class ErrorBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode error;

  private ErrorBody(JsonNode error) {
    this.error = error;
  }

  /** The body's {@code error} object; a missing node when the body is not JSON or has none. */
  public static ErrorBody of(byte[] body) {
    if (!startsLikeJson(body)) {
      return new ErrorBody(MissingNode.getInstance());
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException notJson) {
      return new ErrorBody(MissingNode.getInstance());
    }
    if (root != null && root.isArray()) {
      root = root.path(0);
    }
    return new ErrorBody(root == null ? MissingNode.getInstance() : root.path("error"));
  }

  /** The {@code error} object, or a missing node. */
  public JsonNode error() {
    return error;
  }

  /**
   * What the error calls itself, in lowercase: its textual {@code code} (OpenAI's {@code
   * invalid_api_key}), else its {@code type} (Anthropic's {@code authentication_error}), else its
   * {@code status} (Google's {@code PERMISSION_DENIED}); empty when it says none.
   */
  public Optional<String> code() {
    for (String field : new String[] {"code", "type", "status"}) {
      JsonNode value = error.path(field);
      if (value.isTextual() && !value.asText().isBlank()) {
        return Optional.of(value.asText().strip().toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  /** A number written as a JSON number or a numeric string. */
  public static Optional<BigDecimal> number(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    if (node.isTextual()) {
      try {
        return Optional.of(new BigDecimal(node.asText().strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean startsLikeJson(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }
}
