package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One JSON object of a Gemini body, read by field name in either spelling Gemini accepts ({@code
 * systemInstruction} or {@code system_instruction}), failing with the field's path when a value has
 * the wrong type: a 400 for client requests, a 502 for upstream answers.
 */
final class GeminiNode {
  static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode node;
  private final String path;
  private final boolean fromClient;

  private GeminiNode(JsonNode node, String path, boolean fromClient) {
    this.node = node;
    this.path = path;
    this.fromClient = fromClient;
  }

  /** The top-level object of a client request body. */
  static GeminiNode request(byte[] body) {
    return root(body, true);
  }

  /** The top-level object of an upstream answer or stream chunk. */
  static GeminiNode answer(byte[] body) {
    return root(body, false);
  }

  private static GeminiNode root(byte[] body, boolean fromClient) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw failure(fromClient, "body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw failure(fromClient, "body must be a JSON object");
    }
    return new GeminiNode(tree, "", fromClient);
  }

  /** A tree as compact JSON bytes. */
  static byte[] bytes(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  JsonNode raw() {
    return node;
  }

  String path() {
    return path;
  }

  /** The field under its camelCase name or its snake_case spelling, or null when absent/null. */
  JsonNode field(String camelName) {
    JsonNode v = node.get(camelName);
    if (v == null || v.isNull()) {
      v = node.get(snake(camelName));
    }
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String camelName) {
    return field(camelName) != null;
  }

  Optional<String> string(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw fail(name, "must be a string");
    }
    return Optional.of(v.textValue());
  }

  boolean bool(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw fail(name, "must be true or false");
    }
    return v.booleanValue();
  }

  Optional<Boolean> optionalBool(String name) {
    return has(name) ? Optional.of(bool(name)) : Optional.empty();
  }

  OptionalDouble number(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (!v.isNumber()) {
      throw fail(name, "must be a number");
    }
    return OptionalDouble.of(v.doubleValue());
  }

  OptionalLong longValue(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return OptionalLong.empty();
    }
    // Gemini's int64 fields may arrive as JSON strings (proto3 JSON mapping).
    if (v.isTextual()) {
      try {
        return OptionalLong.of(Long.parseLong(v.textValue()));
      } catch (NumberFormatException e) {
        throw fail(name, "must be an integer");
      }
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw fail(name, "must be an integer");
    }
    return OptionalLong.of(v.longValue());
  }

  OptionalInt integer(String name) {
    OptionalLong v = longValue(name);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    if (v.getAsLong() > Integer.MAX_VALUE || v.getAsLong() < Integer.MIN_VALUE) {
      throw fail(name, "is out of range");
    }
    return OptionalInt.of((int) v.getAsLong());
  }

  long count(String name) {
    return longValue(name).orElse(0);
  }

  Optional<GeminiNode> object(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw fail(name, "must be an object");
    }
    return Optional.of(new GeminiNode(v, join(name), fromClient));
  }

  /** The field as an object, kept as JSON (schemas, arguments, native tools). */
  Optional<ObjectNode> json(String name) {
    return object(name).map(o -> (ObjectNode) o.node);
  }

  /** An array of objects; absent means empty. */
  List<GeminiNode> objects(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw fail(name, "must be an array");
    }
    List<GeminiNode> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String itemPath = join(name) + "[" + i + "]";
      if (!item.isObject()) {
        throw failure(fromClient, itemPath + " must be an object");
      }
      out.add(new GeminiNode(item, itemPath, fromClient));
    }
    return out;
  }

  /** An array of strings (a lone string counts as one); absent means empty. */
  List<String> strings(String name) {
    JsonNode v = field(name);
    if (v == null) {
      return List.of();
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      throw fail(name, "must be an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw fail(name, "must be an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  ProxyException fail(String name, String problem) {
    return failure(fromClient, join(name) + " " + problem);
  }

  ProxyException failHere(String problem) {
    return failure(fromClient, (path.isEmpty() ? "body" : path) + " " + problem);
  }

  private String join(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static ProxyException failure(boolean fromClient, String message) {
    if (fromClient) {
      return ProxyError.invalidRequest("invalid_request", message).toException();
    }
    return new ProxyError(
            502,
            ProxyError.Kind.UPSTREAM,
            "upstream_invalid_response",
            "the Gemini upstream sent an answer that cannot be read: " + message,
            Optional.empty())
        .toException();
  }

  static String snake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
