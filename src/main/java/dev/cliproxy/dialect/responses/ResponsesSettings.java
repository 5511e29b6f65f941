package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ReasoningLevels;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.stream.Collectors;

/**
 * The request settings Responses writes the same way in upstream requests and in the request fields
 * a response object echoes: instructions, tools, tool choice, reasoning and text format.
 */
final class ResponsesSettings {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesSettings() {}

  /** The system parts as one {@code instructions} string (blank-line separated), or null. */
  static String instructions(ChatRequest request) {
    if (request.system().isEmpty()) {
      return null;
    }
    return request.system().stream().map(Part.Text::text).collect(Collectors.joining("\n\n"));
  }

  /** Function tools and Responses-native tools; natives of other dialects are dropped here. */
  static ArrayNode tools(ChatRequest request) {
    ArrayNode out = NODES.arrayNode();
    for (Tool tool : request.tools()) {
      switch (tool) {
        case Tool.Function f -> {
          ObjectNode node = out.addObject().put("type", "function").put("name", f.name());
          if (!f.description().isEmpty()) {
            node.put("description", f.description());
          }
          node.set("parameters", f.parameters());
          node.put("strict", f.strict());
        }
        case Tool.Native n -> {
          if (n.dialect() == Dialect.OPENAI_RESPONSES) {
            out.add(n.definition());
          }
        }
      }
    }
    return out;
  }

  static JsonNode toolChoice(ToolChoice choice) {
    return switch (choice) {
      case ToolChoice.Auto ignored -> NODES.textNode("auto");
      case ToolChoice.None ignored -> NODES.textNode("none");
      case ToolChoice.Required ignored -> NODES.textNode("required");
      case ToolChoice.Named named ->
          NODES.objectNode().put("type", "function").put("name", named.name());
    };
  }

  /** Whether parallel calls are allowed; choices that do not say allow them (the default). */
  static boolean parallelToolCalls(ToolChoice choice) {
    return switch (choice) {
      case ToolChoice.Auto auto -> auto.parallel();
      case ToolChoice.Required required -> required.parallel();
      default -> true;
    };
  }

  /**
   * {@code {effort, summary}}: effort by ReasoningLevels ({@code auto} is not an OpenAI effort, so
   * it is left to the model), summary {@code auto} when the client wants thoughts shown; unset
   * fields are written as null when {@code echo}, else left out.
   */
  static ObjectNode reasoning(Reasoning reasoning, boolean echo) {
    ObjectNode node = NODES.objectNode();
    ReasoningLevels.effortOf(reasoning)
        .filter(e -> e != Reasoning.Effort.AUTO)
        .ifPresentOrElse(
            e -> node.put("effort", ReasoningLevels.openAiName(e)),
            () -> {
              if (echo) {
                node.putNull("effort");
              }
            });
    if (reasoning.showThoughts()) {
      node.put("summary", "auto");
    } else if (echo) {
      node.putNull("summary");
    }
    return node;
  }

  /** {@code {"format":…}}. */
  static ObjectNode text(ResponseFormat format) {
    ObjectNode node = NODES.objectNode();
    ObjectNode f = node.putObject("format");
    switch (format) {
      case ResponseFormat.Text ignored -> f.put("type", "text");
      case ResponseFormat.JsonObject ignored -> f.put("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        f.put("type", "json_schema");
        f.put("name", schema.name().isEmpty() ? "response" : schema.name());
        f.set("schema", schema.schema());
        f.put("strict", schema.strict());
      }
    }
    return node;
  }

  static JsonNode number(java.util.OptionalDouble value) {
    return value.isPresent() ? NODES.numberNode(value.getAsDouble()) : NullNode.instance;
  }
}
