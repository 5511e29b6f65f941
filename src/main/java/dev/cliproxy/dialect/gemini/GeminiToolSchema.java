package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's JSON Schema made fit for Gemini's {@code parametersJsonSchema}, as CLIProxyAPI's Gemini
 * schema cleaner does for tools from other dialects: local {@code $ref}s are inlined (a remote or
 * recursive one becomes a "See: X" hint), {@code allOf} is merged, {@code anyOf}/{@code oneOf} and
 * type lists keep their strongest branch (a nullable field stops being required), {@code const}
 * becomes an {@code enum}, enums hold strings (boolean enums go), integer exclusive bounds become
 * inclusive ones, constraints Gemini lacks ({@code format} other than {@code enum} and {@code
 * date-time}, other exclusive bounds, {@code default}, {@code examples}) move into the description,
 * and keywords it refuses ({@code $schema}, {@code $defs}, {@code additionalProperties}, {@code
 * patternProperties}, {@code title}, {@code x-…} and the like) are dropped. Arrays without {@code
 * items} get string items, and {@code required} names only properties that exist. Property names
 * are data and are never touched. A schema with none of these comes out equal to what went in.
 */
final class GeminiToolSchema {
  /** Keywords removed wherever a schema has them (after their hints were taken). */
  private static final Set<String> DROPPED =
      Set.of(
          "$schema",
          "$id",
          "$anchor",
          "$comment",
          "$defs",
          "definitions",
          "additionalProperties",
          "patternProperties",
          "propertyNames",
          "unevaluatedProperties",
          "unevaluatedItems",
          "dependentRequired",
          "dependentSchemas",
          "dependencies",
          "if",
          "then",
          "else",
          "not",
          "contains",
          "minContains",
          "maxContains",
          "const",
          "enumDescriptions",
          "enumTitles",
          "deprecated",
          "readOnly",
          "writeOnly",
          "strict",
          "nullable",
          "title",
          "prefill",
          "encrypted");

  /** Constraints Gemini lacks, kept as words in the description. */
  private static final List<String> HINTED =
      List.of("exclusiveMinimum", "exclusiveMaximum", "format", "default", "examples", "example");

  private static final Set<String> KEPT_FORMATS = Set.of("enum", "date-time");

  /** How deep a chain of inlined references may go before it stays a hint. */
  private static final int MAX_INLINE_DEPTH = 8;

  private final Map<String, JsonNode> definitions;

  private GeminiToolSchema(Map<String, JsonNode> definitions) {
    this.definitions = definitions;
  }

  /** The cleaned copy of {@code schema}; a missing or non-object one is an empty object schema. */
  static ObjectNode clean(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return (ObjectNode) GeminiRequestDecoder.emptyObjectSchema();
    }
    Map<String, JsonNode> definitions = new HashMap<>();
    for (String container : List.of("definitions", "$defs")) {
      schema.path(container).properties().forEach(d -> definitions.put(d.getKey(), d.getValue()));
    }
    ObjectNode cleaned =
        new GeminiToolSchema(definitions).node((ObjectNode) schema.deepCopy(), List.of());
    if (!cleaned.has("type") && cleaned.has("properties")) {
      cleaned.put("type", "object");
    }
    return cleaned;
  }

  /** One schema node, cleaned in place; {@code via} are the references being inlined. */
  private ObjectNode node(ObjectNode schema, List<String> via) {
    if (schema.has("$ref")) {
      schema = inlined(schema, via);
    }
    mergeAllOf(schema, via);
    schema = oneBranch(schema, via);
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      schema.put("type", firstNonNull(type));
    }
    enums(schema);
    bounds(schema);
    List<String> hints = new ArrayList<>();
    for (String key : HINTED) {
      JsonNode value = schema.get(key);
      if (value == null || (key.equals("format") && KEPT_FORMATS.contains(value.asText()))) {
        continue;
      }
      hints.add(key + ": " + (value.isTextual() && key.equals("format") ? value.asText() : value));
      schema.remove(key);
    }
    hint(schema, hints);
    schema.remove(DROPPED);
    schema.remove(keys(schema).stream().filter(k -> k.startsWith("x-")).toList());
    children(schema, via);
    if ("array".equalsIgnoreCase(schema.path("type").asText()) && !schema.has("items")) {
      schema.putObject("items").put("type", "string");
    }
    return schema;
  }

  /** A reference replaced by its local definition, keeping the referring node's description. */
  private ObjectNode inlined(ObjectNode schema, List<String> via) {
    String ref = schema.path("$ref").asText();
    String name = localName(ref);
    JsonNode target = name == null ? null : definitions.get(name);
    ObjectNode out;
    if (target != null
        && target.isObject()
        && !via.contains(name)
        && via.size() < MAX_INLINE_DEPTH) {
      List<String> deeper = new ArrayList<>(via);
      deeper.add(name);
      out = node((ObjectNode) target.deepCopy(), deeper);
    } else {
      out = GeminiNode.JSON.createObjectNode().put("type", "object");
      hint(out, List.of("See: " + (name == null ? ref : name)));
    }
    if (schema.hasNonNull("description")) {
      out.put("description", schema.get("description").asText());
    }
    return out;
  }

  private static String localName(String ref) {
    for (String prefix : List.of("#/$defs/", "#/definitions/")) {
      if (ref.startsWith(prefix) && ref.length() > prefix.length()) {
        return ref.substring(prefix.length());
      }
    }
    return null;
  }

  /** Folds {@code allOf} branches into the node: their properties, required names and the rest. */
  private void mergeAllOf(ObjectNode schema, List<String> via) {
    JsonNode all = schema.remove("allOf");
    if (all == null || !all.isArray()) {
      return;
    }
    for (JsonNode branch : all) {
      if (!branch.isObject()) {
        continue;
      }
      ObjectNode cleaned = node((ObjectNode) branch.deepCopy(), via);
      for (var field : cleaned.properties()) {
        switch (field.getKey()) {
          case "properties" ->
              schema.withObjectProperty("properties").setAll((ObjectNode) field.getValue());
          case "required" -> {
            Set<String> names = new LinkedHashSet<>(strings(schema.path("required")));
            names.addAll(strings(field.getValue()));
            ArrayNode required = schema.putArray("required");
            names.forEach(required::add);
          }
          default -> {
            if (!schema.has(field.getKey())) {
              schema.set(field.getKey(), field.getValue());
            }
          }
        }
      }
    }
  }

  /**
   * The strongest non-null branch of an {@code anyOf}/{@code oneOf} (object, then array, then the
   * first), with the node's own description and a hint naming what else was accepted.
   */
  private ObjectNode oneBranch(ObjectNode schema, List<String> via) {
    JsonNode union = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (union == null || !union.isArray()) {
      return schema;
    }
    List<ObjectNode> branches = new ArrayList<>();
    for (JsonNode branch : union) {
      if (branch.isObject() && !"null".equals(branch.path("type").asText())) {
        branches.add(node((ObjectNode) branch.deepCopy(), via));
      }
    }
    schema.remove(List.of("anyOf", "oneOf"));
    if (branches.isEmpty()) {
      return schema;
    }
    ObjectNode best = branches.getFirst();
    for (String strongest : List.of("array", "object")) {
      for (ObjectNode branch : branches) {
        if (strongest.equalsIgnoreCase(branch.path("type").asText())) {
          best = branch;
          break;
        }
      }
    }
    ObjectNode out = best;
    schema.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
    if (branches.size() > 1) {
      List<String> types = branches.stream().map(b -> b.path("type").asText("any")).toList();
      hint(out, List.of("Accepts: " + String.join(" | ", types)));
    }
    return out;
  }

  /** {@code const} as a one-value enum; enum values as strings; boolean enums dropped. */
  private static void enums(ObjectNode schema) {
    if (schema.has("const") && !schema.has("enum")) {
      schema.putArray("enum").add(schema.get("const"));
    }
    JsonNode values = schema.get("enum");
    if (values == null || !values.isArray()) {
      return;
    }
    boolean allBoolean = !values.isEmpty();
    boolean allText = true;
    for (JsonNode value : values) {
      allBoolean &= value.isBoolean();
      allText &= value.isTextual();
    }
    if (allBoolean) {
      schema.remove("enum");
      return;
    }
    if (!allText || !"string".equalsIgnoreCase(schema.path("type").asText())) {
      ArrayNode text = GeminiNode.JSON.createArrayNode();
      values.forEach(v -> text.add(v.isTextual() ? v.asText() : v.toString()));
      schema.set("enum", text);
      if (!"string".equalsIgnoreCase(schema.path("type").asText())) {
        schema.put("type", "string");
      }
    }
  }

  /** An integer's exclusive bounds as inclusive ones; other exclusive bounds stay for a hint. */
  private static void bounds(ObjectNode schema) {
    if (!"integer".equalsIgnoreCase(schema.path("type").asText())) {
      return;
    }
    JsonNode low = schema.get("exclusiveMinimum");
    if (low != null && low.isIntegralNumber() && !schema.has("minimum")) {
      integral(schema, "minimum", low.asLong() + 1);
      schema.remove("exclusiveMinimum");
    }
    JsonNode high = schema.get("exclusiveMaximum");
    if (high != null && high.isIntegralNumber() && !schema.has("maximum")) {
      integral(schema, "maximum", high.asLong() - 1);
      schema.remove("exclusiveMaximum");
    }
  }

  /** An integer written as an int when it fits, as JSON readers write it. */
  private static void integral(ObjectNode schema, String key, long value) {
    if (value == (int) value) {
      schema.put(key, (int) value);
    } else {
      schema.put(key, value);
    }
  }

  /** Cleans the node's sub-schemas and drops required names of missing or nullable properties. */
  private void children(ObjectNode schema, List<String> via) {
    JsonNode properties = schema.get("properties");
    Set<String> optional = new HashSet<>();
    if (properties != null && properties.isObject()) {
      ObjectNode props = (ObjectNode) properties;
      for (String name : keys(props)) {
        JsonNode property = props.get(name);
        if (!property.isObject()) {
          continue;
        }
        if (nullable(property)) {
          optional.add(name);
        }
        props.set(name, node((ObjectNode) property, via));
      }
    }
    JsonNode items = schema.get("items");
    if (items != null && items.isObject()) {
      schema.set("items", node((ObjectNode) items, via));
    } else if (items != null && items.isArray()) {
      ArrayNode list = (ArrayNode) items;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isObject()) {
          list.set(i, node((ObjectNode) list.get(i), via));
        }
      }
    }
    JsonNode required = schema.get("required");
    if (required != null) {
      List<String> kept =
          strings(required).stream()
              .filter(n -> properties != null && properties.has(n) && !optional.contains(n))
              .toList();
      if (kept.isEmpty()) {
        schema.remove("required");
      } else {
        ArrayNode list = schema.putArray("required");
        kept.forEach(list::add);
      }
    }
  }

  private static boolean nullable(JsonNode property) {
    if (property.path("nullable").asBoolean(false)) {
      return true;
    }
    for (JsonNode type : property.path("type")) {
      if ("null".equals(type.asText())) {
        return true;
      }
    }
    for (String union : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : property.path(union)) {
        if ("null".equals(branch.path("type").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String firstNonNull(JsonNode types) {
    for (JsonNode type : types) {
      if (type.isTextual() && !type.asText().equals("null")) {
        return type.asText();
      }
    }
    return "string";
  }

  /** Appends {@code (a, b)} to the node's description. */
  private static void hint(ObjectNode schema, List<String> hints) {
    if (hints.isEmpty()) {
      return;
    }
    String description = schema.path("description").asText("");
    String words = "(" + String.join(", ", hints) + ")";
    schema.put("description", description.isEmpty() ? words : description + " " + words);
  }

  private static List<String> keys(ObjectNode schema) {
    List<String> keys = new ArrayList<>();
    schema.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode value : array) {
      if (value.isTextual()) {
        out.add(value.asText());
      }
    }
    return out;
  }
}
