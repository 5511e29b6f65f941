package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One JSON value of a client's Responses request together with its path (e.g. {@code
 * input[3].content[0]}), so every type check can fail with a 400 that names the field to fix.
 */
record RequestField(String path, JsonNode node) {

  /** Whether the value is absent or JSON {@code null}. */
  boolean isAbsent() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /** The member {@code name} of this object (absent members give an absent field). */
  RequestField get(String name) {
    return new RequestField(
        path.isEmpty() ? name : path + "." + name, node == null ? null : node.get(name));
  }

  /** Element {@code i} of this array. */
  RequestField at(int i) {
    return new RequestField(path + "[" + i + "]", node.get(i));
  }

  int size() {
    return node.size();
  }

  boolean isText() {
    return !isAbsent() && node.isTextual();
  }

  boolean isArray() {
    return !isAbsent() && node.isArray();
  }

  boolean isObject() {
    return !isAbsent() && node.isObject();
  }

  /** This value as an object; fails unless it is one. */
  RequestField object() {
    if (!isObject()) {
      throw invalid("'" + path + "' must be an object");
    }
    return this;
  }

  /** This value as an array; fails unless it is one. */
  RequestField array() {
    if (!isArray()) {
      throw invalid("'" + path + "' must be an array");
    }
    return this;
  }

  /** A required string member. */
  String requiredString(String name) {
    RequestField f = get(name);
    if (!f.isText()) {
      throw invalid("'" + f.path + "' is required and must be a string");
    }
    return f.node.textValue();
  }

  /** An optional string member. */
  Optional<String> optionalString(String name) {
    RequestField f = get(name);
    if (f.isAbsent()) {
      return Optional.empty();
    }
    if (!f.node.isTextual()) {
      throw invalid("'" + f.path + "' must be a string");
    }
    return Optional.of(f.node.textValue());
  }

  /** An optional number member. */
  OptionalDouble optionalNumber(String name) {
    RequestField f = get(name);
    if (f.isAbsent()) {
      return OptionalDouble.empty();
    }
    if (!f.node.isNumber()) {
      throw invalid("'" + f.path + "' must be a number");
    }
    return OptionalDouble.of(f.node.doubleValue());
  }

  /** An optional non-negative integer member. */
  OptionalInt optionalCount(String name) {
    RequestField f = get(name);
    if (f.isAbsent()) {
      return OptionalInt.empty();
    }
    if (!f.node.canConvertToInt() || !f.node.isIntegralNumber() || f.node.intValue() < 0) {
      throw invalid("'" + f.path + "' must be a non-negative integer");
    }
    return OptionalInt.of(f.node.intValue());
  }

  /** An optional boolean member, or {@code fallback}. */
  boolean optionalBoolean(String name, boolean fallback) {
    RequestField f = get(name);
    if (f.isAbsent()) {
      return fallback;
    }
    if (!f.node.isBoolean()) {
      throw invalid("'" + f.path + "' must be true or false");
    }
    return f.node.booleanValue();
  }

  /** A 400 about this request. */
  static ProxyException invalid(String message) {
    return ProxyError.invalidRequest("invalid_request", message).toException();
  }
}
