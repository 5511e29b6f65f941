package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads Claude JSON checking every field's type, and writes it compactly; one instance blames the
 * client (400) for what it cannot read, the other the upstream (502).
 */
final class ClaudeJson {
  /** Floats as BigDecimal, zeros kept, so tool inputs keep their numbers as written. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  static final ClaudeJson CLIENT = new ClaudeJson(true);
  static final ClaudeJson UPSTREAM = new ClaudeJson(false);

  private final boolean client;

  private ClaudeJson(boolean client) {
    this.client = client;
  }

  /** The error for an unreadable value at {@code path}. */
  ProxyException fault(String path, String message) {
    String full = path.isEmpty() ? message : path + ": " + message;
    if (client) {
      return ProxyError.invalidRequest("invalid_request", full).toException();
    }
    return new ProxyError(
            502,
            ProxyError.Kind.UPSTREAM,
            "bad_upstream_response",
            "the Claude upstream sent an answer the proxy cannot read: " + full,
            Optional.<Duration>empty())
        .toException();
  }

  /** The body as a JSON object. */
  ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException | StackOverflowError e) {
      throw fault("body", "not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (node == null || !node.isObject()) {
      throw fault("body", "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** A required string field. */
  String text(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      throw fault(path + "." + field, "is required");
    }
    if (!v.isTextual()) {
      throw fault(path + "." + field, "must be a string");
    }
    return v.textValue();
  }

  /** An optional string field; null or missing gives empty. */
  Optional<String> optText(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw fault(path + "." + field, "must be a string");
    }
    return Optional.of(v.textValue());
  }

  /** An optional object field; null or missing gives empty. */
  Optional<ObjectNode> optObject(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw fault(path + "." + field, "must be an object");
    }
    return Optional.of((ObjectNode) v);
  }

  /** A required object field. */
  ObjectNode object(JsonNode parent, String field, String path) {
    return optObject(parent, field, path)
        .orElseThrow(() -> fault(path + "." + field, "is required"));
  }

  /** An optional array field; null or missing gives an empty array. */
  JsonNode array(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return MAPPER.createArrayNode();
    }
    if (!v.isArray()) {
      throw fault(path + "." + field, "must be an array");
    }
    return v;
  }

  /** An array element that must be an object. */
  ObjectNode element(JsonNode array, int i, String path) {
    JsonNode v = array.get(i);
    if (!v.isObject()) {
      throw fault(path + "[" + i + "]", "must be an object");
    }
    return (ObjectNode) v;
  }

  /** An optional integer field, as a long. */
  Optional<Long> optLong(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw fault(path + "." + field, "must be an integer");
    }
    return Optional.of(v.longValue());
  }

  /** An optional integer field that fits an int. */
  Optional<Integer> optInt(JsonNode parent, String field, String path) {
    return optLong(parent, field, path)
        .map(l -> {
          if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw fault(path + "." + field, "is out of range");
          }
          return l.intValue();
        });
  }

  /** An optional number field. */
  Optional<Double> optDouble(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw fault(path + "." + field, "must be a number");
    }
    return Optional.of(v.doubleValue());
  }

  /** An optional boolean field, {@code fallback} when missing. */
  boolean bool(JsonNode parent, String field, String path, boolean fallback) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw fault(path + "." + field, "must be true or false");
    }
    return v.booleanValue();
  }

  /** Compact JSON text of a tree. */
  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Compact JSON bytes of a tree. */
  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
