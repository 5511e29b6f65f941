package dev.cliproxy.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Reads YAML text into a Jackson tree the way Go's YAML decoder would fill a Go struct.
 *
 * <p>Built token by token rather than with {@code ObjectMapper.readTree} for three reasons: a plain
 * scalar that only looks like a number ({@code 0123}, {@code 1.10}, {@code 0x1F}) or a YAML 1.1
 * boolean ({@code on}) keeps the text the user wrote, so a key or model name is never silently
 * rewritten; aliases ({@code *name}), which Jackson would turn into the anchor's name, are
 * rejected; and duplicate keys, which Go rejects, are rejected. Syntax errors name the line and
 * column but never quote the line, which could hold a secret.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern CANONICAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private YamlTree() {}

  /** The document's root, or a missing node when the text holds no document (empty, comments). */
  static JsonNode read(String text) {
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      return first == null ? MissingNode.getInstance() : value(parser, first);
    } catch (MarkedYAMLException e) {
      throw ConfigException.at(position(e.getProblemMark()), syntaxProblem(e));
    } catch (JsonProcessingException e) {
      throw ConfigException.at(position(e.getLocation()), firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
  }

  private static JsonNode value(YAMLParser parser, JsonToken token) throws IOException {
    if (parser.isCurrentAlias()) {
      throw ConfigException.at(
          position(parser.currentTokenLocation()),
          "YAML aliases (*name) are not supported; write the value out instead");
    }
    return switch (token) {
      case START_OBJECT -> mapping(parser);
      case START_ARRAY -> sequence(parser);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_TRUE, VALUE_FALSE -> bool(parser);
      case VALUE_NUMBER_INT -> integer(parser);
      default -> TextNode.valueOf(parser.getText());
    };
  }

  private static ObjectNode mapping(YAMLParser parser) throws IOException {
    ObjectNode mapping = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonLocation keyLocation = parser.currentTokenLocation();
      if (mapping.has(key)) {
        throw ConfigException.at(position(keyLocation), "key '" + key + "' appears twice");
      }
      mapping.set(key, value(parser, parser.nextToken()));
    }
    return mapping;
  }

  private static ArrayNode sequence(YAMLParser parser) throws IOException {
    ArrayNode sequence = NODES.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      sequence.add(value(parser, token));
    }
    return sequence;
  }

  private static JsonNode bool(YAMLParser parser) throws IOException {
    String text = parser.getText();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return BooleanNode.valueOf(parser.currentToken() == JsonToken.VALUE_TRUE);
    }
    return TextNode.valueOf(text); // yes/no/on/off: a boolean only where a boolean is expected
  }

  private static JsonNode integer(YAMLParser parser) throws IOException {
    String text = parser.getText();
    if (!CANONICAL_INTEGER.matcher(text).matches()) {
      return TextNode.valueOf(text);
    }
    return NODES.numberNode(parser.getBigIntegerValue());
  }

  private static String syntaxProblem(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    return e.getContext() == null ? problem : e.getContext() + ": " + problem;
  }

  private static String position(Mark mark) {
    return mark == null
        ? ""
        : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static String position(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    String text = message == null ? "invalid YAML" : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
