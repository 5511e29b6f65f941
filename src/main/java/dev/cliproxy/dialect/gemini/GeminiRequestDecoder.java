package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a Gemini {@code generateContent} request body into a {@link ChatRequest}. The model and the
 * stream flag are in Gemini's URL, not its body, so the caller passes them.
 */
final class GeminiRequestDecoder {
  private GeminiRequestDecoder() {}

  static ChatRequest decode(byte[] body, String model, boolean stream) {
    GeminiNode root = GeminiNode.request(body);
    List<Part.Text> system = system(root);
    List<Message> messages = messages(root);
    Optional<GeminiNode> config = root.object("generationConfig");
    return new ChatRequest(
        model,
        system,
        messages,
        tools(root),
        toolChoice(root),
        config.map(GeminiRequestDecoder::sampling).orElse(Sampling.DEFAULT),
        config.flatMap(c -> c.object("thinkingConfig")).map(GeminiRequestDecoder::reasoning),
        config.map(GeminiRequestDecoder::responseFormat).orElse(ResponseFormat.TEXT),
        stream,
        Optional.empty());
  }

  private static List<Part.Text> system(GeminiNode root) {
    Optional<GeminiNode> instruction = root.object("systemInstruction");
    if (instruction.isEmpty()) {
      return List.of();
    }
    List<Part.Text> out = new ArrayList<>();
    for (GeminiNode part : instruction.get().objects("parts")) {
      part.string("text").filter(t -> !t.isEmpty()).map(Part.Text::new).ifPresent(out::add);
    }
    return out;
  }

  private static List<Message> messages(GeminiNode root) {
    int[] generated = {0};
    // Positional ids: the same history gives the same ids on every turn.
    GeminiPartReader reader = new GeminiPartReader(() -> "call_" + generated[0]++);
    List<Message> out = new ArrayList<>();
    for (GeminiNode content : root.objects("contents")) {
      Role role = role(content);
      List<Part> parts = reader.read(content.objects("parts"));
      if (!parts.isEmpty()) {
        out.add(new Message(role, parts));
      }
    }
    return out;
  }

  private static Role role(GeminiNode content) {
    String role = content.string("role").orElse("user");
    return switch (role) {
      case "model", "assistant" -> Role.ASSISTANT;
      case "user", "function", "tool", "" -> Role.USER;
      default -> throw content.fail("role", "must be \"user\" or \"model\", not \"" + role + "\"");
    };
  }

  private static List<Tool> tools(GeminiNode root) {
    List<Tool> out = new ArrayList<>();
    for (GeminiNode tool : root.objects("tools")) {
      List<GeminiNode> declarations = tool.objects("functionDeclarations");
      for (GeminiNode declaration : declarations) {
        String name =
            declaration.string("name").orElseThrow(() -> declaration.fail("name", "is required"));
        JsonNode schema = declaration.field("parametersJsonSchema");
        if (schema == null) {
          schema = declaration.field("parameters");
        }
        out.add(
            new Tool.Function(
                name,
                declaration.string("description").orElse(""),
                schema == null ? emptyObjectSchema() : schema,
                false));
      }
      JsonNode rest = tool.raw().deepCopy();
      ((ObjectNode) rest).remove(List.of("functionDeclarations", "function_declarations"));
      if (!rest.isEmpty()) {
        out.add(new Tool.Native(Dialect.GEMINI, rest));
      }
    }
    return out;
  }

  static JsonNode emptyObjectSchema() {
    ObjectNode schema = GeminiNode.JSON.createObjectNode();
    schema.put("type", "object");
    schema.putObject("properties");
    return schema;
  }

  private static ToolChoice toolChoice(GeminiNode root) {
    Optional<GeminiNode> calling =
        root.object("toolConfig").flatMap(c -> c.object("functionCallingConfig"));
    if (calling.isEmpty()) {
      return ToolChoice.AUTO;
    }
    String mode = calling.get().string("mode").orElse("AUTO").toUpperCase(Locale.ROOT);
    List<String> allowed = calling.get().strings("allowedFunctionNames");
    return switch (mode) {
      case "NONE" -> new ToolChoice.None();
      // Several allowed names have no canonical form: the model must call one of all tools.
      case "ANY" ->
          allowed.size() == 1
              ? new ToolChoice.Named(allowed.get(0))
              : new ToolChoice.Required(true);
      default -> ToolChoice.AUTO;
    };
  }

  private static Sampling sampling(GeminiNode config) {
    return new Sampling(
        config.number("temperature"),
        config.number("topP"),
        config.integer("topK"),
        config.integer("maxOutputTokens"),
        config.strings("stopSequences"),
        config.longValue("seed"),
        config.number("presencePenalty"),
        config.number("frequencyPenalty"),
        config.integer("candidateCount"));
  }

  private static Reasoning reasoning(GeminiNode thinking) {
    OptionalInt budget = thinking.integer("thinkingBudget");
    Optional<Reasoning.Effort> effort =
        thinking.string("thinkingLevel").flatMap(GeminiRequestDecoder::effort);
    return new Reasoning(effort, budget, thinking.bool("includeThoughts"));
  }

  private static Optional<Reasoning.Effort> effort(String level) {
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "MINIMAL" -> Optional.of(Reasoning.Effort.MINIMAL);
      case "LOW" -> Optional.of(Reasoning.Effort.LOW);
      case "MEDIUM" -> Optional.of(Reasoning.Effort.MEDIUM);
      case "HIGH" -> Optional.of(Reasoning.Effort.HIGH);
      default -> Optional.empty();
    };
  }

  private static ResponseFormat responseFormat(GeminiNode config) {
    JsonNode schema = config.field("responseJsonSchema");
    if (schema == null) {
      schema = config.field("responseSchema");
    }
    String mime = config.string("responseMimeType").orElse("");
    if (schema != null) {
      return new ResponseFormat.JsonSchema("", schema, false);
    }
    return mime.equals("application/json") ? new ResponseFormat.JsonObject() : ResponseFormat.TEXT;
  }
}
