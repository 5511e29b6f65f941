package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed reads of a client's JSON request that fail with a 400 naming the field path, so hostile
 * input (wrong types, missing fields) never surfaces as a NullPointerException or a 5xx.
 */
final class RequestFields {
  static final ObjectMapper JSON = new ObjectMapper();

  private RequestFields() {}

  /** The body as a JSON object. */
  static JsonNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid(
          "invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("invalid_json", "The request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw invalid("invalid_json", "The request body must be a JSON object.");
    }
    return node;
  }

  static ProxyException invalid(String code, String message) {
    return ProxyError.invalidRequest(code, message).toException();
  }

  static ProxyException wrongType(String path, String expected) {
    return invalid("invalid_type", "'" + path + "' must be " + expected + ".");
  }

  /** A field that is absent or JSON null reads as empty. */
  static Optional<JsonNode> present(JsonNode parent, String name) {
    JsonNode value = parent.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<String> string(JsonNode parent, String name, String path) {
    Optional<JsonNode> value = present(parent, name);
    if (value.isPresent() && !value.get().isTextual()) {
      throw wrongType(path, "a string");
    }
    return value.map(JsonNode::textValue);
  }

  static String requiredString(JsonNode parent, String name, String path) {
    return string(parent, name, path)
        .orElseThrow(() -> invalid("missing_field", "'" + path + "' is required (a string)."));
  }

  static JsonNode requiredObject(JsonNode parent, String name, String path) {
    JsonNode value =
        present(parent, name)
            .orElseThrow(() -> invalid("missing_field", "'" + path + "' is required (an object)."));
    if (!value.isObject()) {
      throw wrongType(path, "an object");
    }
    return value;
  }

  static Optional<Boolean> bool(JsonNode parent, String name, String path) {
    Optional<JsonNode> value = present(parent, name);
    if (value.isPresent() && !value.get().isBoolean()) {
      throw wrongType(path, "true or false");
    }
    return value.map(JsonNode::booleanValue);
  }

  static OptionalDouble number(JsonNode parent, String name, String path) {
    Optional<JsonNode> value = present(parent, name);
    if (value.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (!value.get().isNumber()) {
      throw wrongType(path, "a number");
    }
    return OptionalDouble.of(value.get().doubleValue());
  }

  static OptionalInt integer(JsonNode parent, String name, String path) {
    OptionalLong value = longInteger(parent, name, path);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    if (value.getAsLong() > Integer.MAX_VALUE || value.getAsLong() < Integer.MIN_VALUE) {
      throw wrongType(path, "an integer within 32 bits");
    }
    return OptionalInt.of((int) value.getAsLong());
  }

  static OptionalLong longInteger(JsonNode parent, String name, String path) {
    Optional<JsonNode> value = present(parent, name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    JsonNode v = value.get();
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(path, "an integer");
    }
    return OptionalLong.of(v.longValue());
  }

  /** An array field; absent or null reads as an empty array. */
  static JsonNode array(JsonNode parent, String name, String path) {
    Optional<JsonNode> value = present(parent, name);
    if (value.isEmpty()) {
      return JSON.createArrayNode();
    }
    if (!value.get().isArray()) {
      throw wrongType(path, "an array");
    }
    return value.get();
  }

  static JsonNode objectAt(JsonNode array, int i, String path) {
    JsonNode item = array.get(i);
    if (!item.isObject()) {
      throw wrongType(path + "[" + i + "]", "an object");
    }
    return item;
  }
}
