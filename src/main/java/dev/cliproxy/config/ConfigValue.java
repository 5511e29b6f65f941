package dev.cliproxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One node of the parsed YAML tree together with its key path, with typed reads that fail with a
 * {@link ConfigException} naming that path.
 *
 * <p>Reads that could meet a secret ({@link #text}) never quote the value in an error; only
 * booleans and integers are quoted back.
 *
 * @param path the key path, e.g. {@code codex-api-key[0].base-url}; empty for the document
 * @param node the value; null or a missing node when the key is absent
 */
public record ConfigValue(String path, JsonNode node) {

  static ConfigValue root(JsonNode node) {
    return new ConfigValue("", node);
  }

  /** True when the key is missing or has no value ({@code key:}, {@code ~}, {@code null}). */
  public boolean isAbsent() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /** The value under {@code key} of this mapping (absent if this is absent or has no such key). */
  public ConfigValue field(String key) {
    JsonNode child = node != null && node.isObject() ? node.get(key) : null;
    return new ConfigValue(path.isEmpty() ? key : path + "." + key, child);
  }

  /** This value, after checking that it is a mapping (or absent). */
  public ConfigValue mapping() {
    fields();
    return this;
  }

  /** The entries of this mapping in file order; empty if absent. */
  public Map<String, ConfigValue> fields() {
    Map<String, ConfigValue> fields = new LinkedHashMap<>();
    if (isAbsent()) {
      return fields;
    }
    if (!node.isObject()) {
      throw fail("must be a mapping of keys to values, got " + kind());
    }
    node.properties().forEach(entry -> fields.put(entry.getKey(), field(entry.getKey())));
    return fields;
  }

  /** The items of this list, each with its index in the path; empty if absent. */
  public List<ConfigValue> items() {
    List<ConfigValue> items = new ArrayList<>();
    if (isAbsent()) {
      return items;
    }
    if (!node.isArray()) {
      throw fail("must be a list, got " + kind());
    }
    for (int i = 0; i < node.size(); i++) {
      items.add(new ConfigValue(path + "[" + i + "]", node.get(i)));
    }
    return items;
  }

  /** The trimmed text of a scalar, or {@code fallback} if absent. */
  public String text(String fallback) {
    if (isAbsent()) {
      return fallback;
    }
    if (!node.isValueNode()) {
      throw fail("must be a text value, got " + kind());
    }
    return node.asText().trim();
  }

  /**
   * A boolean, or {@code fallback} if absent; accepts the YAML 1.1 spellings Go's YAML accepts
   * ({@code yes}/{@code no}, {@code on}/{@code off}).
   */
  public boolean bool(boolean fallback) {
    if (isAbsent()) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      switch (node.textValue().trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "y", "on" -> {
          return true;
        }
        case "false", "no", "n", "off" -> {
          return false;
        }
        default -> {}
      }
    }
    throw fail("must be true or false, got " + quoted());
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} if absent. */
  public int integer(int fallback, int min, int max) {
    if (isAbsent()) {
      return fallback;
    }
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      if (value.compareTo(BigInteger.valueOf(min)) >= 0
          && value.compareTo(BigInteger.valueOf(max)) <= 0) {
        return value.intValue();
      }
    }
    String range =
        max == Integer.MAX_VALUE
            ? "an integer of at least " + min
            : "an integer between " + min + " and " + max;
    throw fail("must be " + range + ", got " + quoted());
  }

  /** A number (whole or not) of at least {@code min}, or {@code fallback} if absent. */
  public double decimal(double fallback, double min) {
    if (isAbsent()) {
      return fallback;
    }
    // the YAML reader hands numbers with a fraction over as text
    double value = Double.NaN;
    if (node.isNumber()) {
      value = node.doubleValue();
    } else if (node.isTextual()) {
      try {
        value = new java.math.BigDecimal(node.textValue().trim()).doubleValue();
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
    }
    if (Double.isFinite(value) && value >= min) {
      return value;
    }
    throw fail(
        "must be a number of at least "
            + java.math.BigDecimal.valueOf(min).stripTrailingZeros().toPlainString()
            + ", got "
            + quoted());
  }

  /** A whole number of at least {@code min}, or {@code fallback} if absent. */
  public long count(long fallback, long min) {
    if (isAbsent()) {
      return fallback;
    }
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      if (value.compareTo(BigInteger.valueOf(min)) >= 0
          && value.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0) {
        return value.longValue();
      }
    }
    throw fail("must be a whole number of at least " + min + ", got " + quoted());
  }

  /** An error about this value, naming its key path; the caller throws it. */
  public ConfigException fail(String problem) {
    return ConfigException.at(path, problem);
  }

  /** What kind of value this is, without its content. */
  private String kind() {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return "a text value";
  }

  /** The value as the user wrote it, for non-secret scalars only. */
  private String quoted() {
    if (node.isContainerNode()) {
      return kind();
    }
    if (node.isTextual()) {
      String text = node.textValue();
      return "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
    return node.asText();
  }
}
