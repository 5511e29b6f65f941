package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ReasoningLevels;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a Claude Messages request body into a {@link ChatRequest}. Fields it has no use for ({@code
 * context_management}, {@code cache_control}, {@code defer_loading}, …) are ignored rather than
 * refused, because Claude Code sends new ones with every beta.
 */
final class ClaudeRequestDecoder {
  private static final ClaudeJson JSON = ClaudeJson.CLIENT;

  ChatRequest decode(byte[] body) {
    ObjectNode root = JSON.parseObject(body);
    ClaudeBlockReader blocks = new ClaudeBlockReader(JSON);
    return new ChatRequest(
        JSON.text(root, "model", "body"),
        system(root.get("system"), blocks),
        messages(root, blocks),
        tools(root),
        toolChoice(root),
        sampling(root),
        reasoning(root),
        responseFormat(root),
        JSON.bool(root, "stream", "body", false),
        user(root));
  }

  private static List<Part.Text> system(JsonNode system, ClaudeBlockReader blocks) {
    List<Part.Text> texts = new ArrayList<>();
    for (Part p : blocks.content(system, "system")) {
      if (!(p instanceof Part.Text t)) {
        throw JSON.fault("system", "may hold only text blocks");
      }
      texts.add(t);
    }
    return texts;
  }

  private static List<Message> messages(ObjectNode root, ClaudeBlockReader blocks) {
    JsonNode array = JSON.array(root, "messages", "body");
    List<Message> messages = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "messages[" + i + "]";
      ObjectNode m = JSON.element(array, i, "messages");
      String role = JSON.text(m, "role", path);
      Role r =
          switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            // Claude Code's per-turn-control beta puts the environment block here.
            case "system" -> Role.SYSTEM;
            default ->
                throw JSON.fault(
                    path + ".role", "'" + role + "' is not a role; use user, assistant or system");
          };
      messages.add(new Message(r, blocks.content(m.get("content"), path + ".content")));
    }
    return messages;
  }

  private static List<Tool> tools(ObjectNode root) {
    JsonNode array = JSON.array(root, "tools", "body");
    List<Tool> tools = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "tools[" + i + "]";
      ObjectNode t = JSON.element(array, i, "tools");
      String type = JSON.optText(t, "type", path).orElse("custom");
      if (!"custom".equals(type)) {
        // web_search_20250305, bash_20250124, text_editor_…, computer_…: only Claude runs them.
        tools.add(new Tool.Native(Dialect.CLAUDE, t.deepCopy()));
        continue;
      }
      JsonNode schema =
          JSON.optObject(t, "input_schema", path)
              .<JsonNode>map(ObjectNode::deepCopy)
              .orElseGet(() -> ClaudeJson.MAPPER.createObjectNode().put("type", "object"));
      tools.add(
          new Tool.Function(
              JSON.text(t, "name", path),
              JSON.optText(t, "description", path).orElse(""),
              schema,
              JSON.bool(t, "strict", path, false)));
    }
    return tools;
  }

  private static ToolChoice toolChoice(ObjectNode root) {
    Optional<ObjectNode> choice = JSON.optObject(root, "tool_choice", "body");
    if (choice.isEmpty()) {
      return ToolChoice.AUTO;
    }
    ObjectNode c = choice.get();
    boolean parallel = !JSON.bool(c, "disable_parallel_tool_use", "tool_choice", false);
    String type = JSON.text(c, "type", "tool_choice");
    return switch (type) {
      case "auto" -> new ToolChoice.Auto(parallel);
      case "any" -> new ToolChoice.Required(parallel);
      case "none" -> new ToolChoice.None();
      case "tool" -> new ToolChoice.Named(JSON.text(c, "name", "tool_choice"));
      default ->
          throw JSON.fault(
              "tool_choice.type", "'" + type + "' is not one of auto, any, tool, none");
    };
  }

  private static Sampling sampling(ObjectNode root) {
    JsonNode stops = JSON.array(root, "stop_sequences", "body");
    List<String> stopSequences = new ArrayList<>(stops.size());
    for (int i = 0; i < stops.size(); i++) {
      if (!stops.get(i).isTextual()) {
        throw JSON.fault("stop_sequences[" + i + "]", "must be a string");
      }
      stopSequences.add(stops.get(i).textValue());
    }
    return new Sampling(
        optDouble(JSON.optDouble(root, "temperature", "body")),
        optDouble(JSON.optDouble(root, "top_p", "body")),
        optInt(JSON.optInt(root, "top_k", "body")),
        optInt(JSON.optInt(root, "max_tokens", "body")),
        stopSequences,
        OptionalLong.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalInt.empty());
  }

  /**
   * {@code thinking} and {@code output_config.effort} together. Adaptive thinking lets the model
   * choose, so it is a budget of -1 unless an effort says how much; {@code display: omitted} means
   * the client does not want the thinking text.
   */
  private static Optional<Reasoning> reasoning(ObjectNode root) {
    Optional<Reasoning.Effort> effort =
        JSON.optObject(root, "output_config", "body")
            .flatMap(c -> JSON.optText(c, "effort", "output_config"))
            .map(ClaudeRequestDecoder::effort);
    Optional<ObjectNode> thinking = JSON.optObject(root, "thinking", "body");
    if (thinking.isEmpty()) {
      return effort.map(e -> new Reasoning(Optional.of(e), OptionalInt.empty(), true));
    }
    ObjectNode t = thinking.get();
    String type = JSON.text(t, "type", "thinking");
    boolean show = !"omitted".equals(JSON.optText(t, "display", "thinking").orElse(""));
    return switch (type) {
      case "enabled" -> {
        int budget =
            JSON.optInt(t, "budget_tokens", "thinking")
                .orElseThrow(() -> JSON.fault("thinking.budget_tokens", "is required"));
        yield Optional.of(new Reasoning(effort, OptionalInt.of(budget), show));
      }
      case "disabled" ->
          Optional.of(new Reasoning(Optional.of(Reasoning.Effort.NONE), OptionalInt.of(0), false));
      case "adaptive" ->
          Optional.of(
              new Reasoning(
                  effort, effort.isPresent() ? OptionalInt.empty() : OptionalInt.of(-1), show));
      default ->
          throw JSON.fault(
              "thinking.type", "'" + type + "' is not one of enabled, disabled, adaptive");
    };
  }

  /** Claude's effort words; {@code max} is the top level. */
  private static Reasoning.Effort effort(String word) {
    if ("max".equals(word)) {
      return Reasoning.Effort.XHIGH;
    }
    return ReasoningLevels.fromOpenAiName(word)
        .orElseThrow(() ->
            JSON.fault(
                "output_config.effort", "'" + word + "' is not one of low, medium, high, max"));
  }

  /** Structured output: {@code output_config.format} of type {@code json_schema}. */
  private static ResponseFormat responseFormat(ObjectNode root) {
    Optional<ObjectNode> format =
        JSON.optObject(root, "output_config", "body")
            .flatMap(c -> JSON.optObject(c, "format", "output_config"));
    if (format.isEmpty()
        || !"json_schema"
            .equals(JSON.optText(format.get(), "type", "output_config.format").orElse(""))) {
      return ResponseFormat.TEXT;
    }
    ObjectNode schema = JSON.object(format.get(), "schema", "output_config.format");
    return new ResponseFormat.JsonSchema("", schema.deepCopy(), true);
  }

  private static Optional<String> user(ObjectNode root) {
    return JSON.optObject(root, "metadata", "body")
        .flatMap(m -> JSON.optText(m, "user_id", "metadata"));
  }

  private static OptionalDouble optDouble(Optional<Double> v) {
    return v.map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  private static OptionalInt optInt(Optional<Integer> v) {
    return v.map(OptionalInt::of).orElse(OptionalInt.empty());
  }
}
