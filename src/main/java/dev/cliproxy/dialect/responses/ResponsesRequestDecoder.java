package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ReasoningLevels;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a client's {@code POST /v1/responses} body into a canonical request.
 *
 * <p>Decisions: {@code instructions} and the developer/system messages that open {@code input}
 * (Codex CLI sends its prompt that way) become the system parts; later ones stay in place as {@link
 * Role#SYSTEM}. Consecutive items of one role are merged into one message, so a reasoning item, its
 * function calls and the following outputs pair up as one assistant turn and one user turn. {@code
 * previous_response_id} is refused: a stateless proxy cannot recall earlier turns. Item ids are
 * dropped (with {@code store:false} an upstream cannot resolve them). Item types the canonical
 * model cannot carry (web_search_call, local_shell_call, custom_tool_call, …) are dropped.
 */
final class ResponsesRequestDecoder {
  private static final ObjectMapper JSON = ResponsesJson.MAPPER;

  ChatRequest decode(byte[] body) {
    RequestField root = new RequestField("", parse(body)).object();
    if (root.get("previous_response_id").isText()) {
      throw ProxyError.invalidRequest(
              "previous_response_id_unsupported",
              "'previous_response_id' is not supported: this proxy keeps no conversation state."
                  + " Send the whole conversation in 'input' (with 'store': false).")
          .toException();
    }
    String model = root.requiredString("model");
    List<Part.Text> system = new ArrayList<>();
    root.optionalString("instructions")
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> system.add(new Part.Text(s)));
    List<Message> messages = readInput(root.get("input"), system);
    boolean parallel = root.optionalBoolean("parallel_tool_calls", true);
    return new ChatRequest(
        model,
        system,
        messages,
        readTools(root.get("tools")),
        readToolChoice(root.get("tool_choice"), parallel),
        new Sampling(
            root.optionalNumber("temperature"),
            root.optionalNumber("top_p"),
            OptionalInt.empty(),
            root.optionalCount("max_output_tokens"),
            List.of(),
            OptionalLong.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalInt.empty()),
        readReasoning(root.get("reasoning")),
        readFormat(root.get("text")),
        root.optionalBoolean("stream", false),
        root.optionalString("safety_identifier").or(() -> root.optionalString("user")));
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null) {
        throw RequestField.invalid("the request body is empty; send a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw ProxyError.invalidRequest(
              "invalid_json", "the request body is not valid JSON: " + e.getOriginalMessage())
          .toException();
    } catch (java.io.IOException e) {
      throw RequestField.invalid("the request body could not be read");
    }
  }

  private static List<Message> readInput(RequestField input, List<Part.Text> system) {
    Conversation conversation = new Conversation();
    if (input.isAbsent()) {
      throw RequestField.invalid("'input' is required: a string or an array of items");
    }
    if (input.isText()) {
      conversation.add(Role.USER, new Part.Text(input.node().textValue()));
      return conversation.messages();
    }
    RequestField items = input.array();
    Map<String, String> toolNames = new HashMap<>();
    boolean leading = true;
    for (int i = 0; i < items.size(); i++) {
      RequestField item = items.at(i).object();
      String type = item.optionalString("type").orElse("message");
      if (leading && type.equals("message") && isSystemRole(item) && allText(item)) {
        for (Part p : ResponsesContent.read(item.get("content"))) {
          system.add((Part.Text) p);
        }
        continue;
      }
      leading = false;
      switch (type) {
        case "message" ->
            conversation.addAll(role(item), ResponsesContent.read(item.get("content")));
        case "reasoning" ->
            readReasoningItem(item).ifPresent(t -> conversation.add(Role.ASSISTANT, t));
        case "function_call" -> {
          String callId = item.requiredString("call_id");
          String name = item.requiredString("name");
          toolNames.put(callId, name);
          String args = item.optionalString("arguments").filter(a -> !a.isEmpty()).orElse("{}");
          conversation.add(Role.ASSISTANT, new Part.ToolCall(callId, name, args, Optional.empty()));
        }
        case "function_call_output" -> {
          String callId = item.requiredString("call_id");
          RequestField output = item.get("output");
          if (output.isAbsent()) {
            throw RequestField.invalid("'" + output.path() + "' is required");
          }
          conversation.add(
              Role.USER,
              new Part.ToolResult(
                  callId,
                  toolNames.getOrDefault(callId, ""),
                  ResponsesContent.read(output),
                  false));
        }
        case "item_reference" ->
            throw RequestField.invalid(
                "'"
                    + item.path()
                    + "' is an item_reference: this proxy stores no items; send the item itself");
        default -> {
          // Hosted-tool calls and custom tool calls have no canonical form; dropped on purpose.
        }
      }
    }
    return conversation.messages();
  }

  private static boolean isSystemRole(RequestField item) {
    String role = item.optionalString("role").orElse("");
    return role.equals("system") || role.equals("developer");
  }

  private static boolean allText(RequestField item) {
    return ResponsesContent.read(item.get("content")).stream()
        .allMatch(Part.Text.class::isInstance);
  }

  private static Role role(RequestField item) {
    String role = item.requiredString("role");
    return switch (role) {
      case "user" -> Role.USER;
      case "assistant" -> Role.ASSISTANT;
      case "system", "developer" -> Role.SYSTEM;
      default ->
          throw RequestField.invalid(
              "'" + item.path() + ".role' must be user, assistant, system or developer");
    };
  }

  /**
   * A reasoning item: its summary texts (joined by a blank line) and its encrypted content, which
   * is another upstream's signature when the proxy wrapped one there.
   */
  private static Optional<Part.Thinking> readReasoningItem(RequestField item) {
    StringBuilder text = new StringBuilder();
    RequestField summary = item.get("summary");
    if (!summary.isAbsent()) {
      summary.array();
      for (int i = 0; i < summary.size(); i++) {
        if (i > 0) {
          text.append("\n\n");
        }
        text.append(summary.at(i).object().requiredString("text"));
      }
    }
    Optional<Signature> signature =
        item.optionalString("encrypted_content")
            .filter(s -> !s.isEmpty())
            .map(s -> Signature.read(Dialect.OPENAI_RESPONSES, s));
    if (text.isEmpty() && signature.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Part.Thinking(text.toString(), signature));
  }

  private static List<Tool> readTools(RequestField tools) {
    if (tools.isAbsent()) {
      return List.of();
    }
    tools.array();
    List<Tool> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      RequestField tool = tools.at(i).object();
      if (tool.requiredString("type").equals("function")) {
        RequestField params = tool.get("parameters");
        out.add(
            new Tool.Function(
                tool.requiredString("name"),
                tool.optionalString("description").orElse(""),
                params.isAbsent()
                    ? JSON.createObjectNode()
                        .put("type", "object")
                        .set("properties", JSON.createObjectNode())
                    : params.object().node(),
                tool.optionalBoolean("strict", true)));
      } else {
        out.add(new Tool.Native(Dialect.OPENAI_RESPONSES, tool.node()));
      }
    }
    return out;
  }

  /** Hosted-tool choices ({@code {"type":"web_search"}}) have no canonical form and mean auto. */
  private static ToolChoice readToolChoice(RequestField choice, boolean parallel) {
    if (choice.isAbsent()) {
      return new ToolChoice.Auto(parallel);
    }
    if (choice.isText()) {
      return switch (choice.node().textValue()) {
        case "auto" -> new ToolChoice.Auto(parallel);
        case "none" -> new ToolChoice.None();
        case "required" -> new ToolChoice.Required(parallel);
        default ->
            throw RequestField.invalid("'tool_choice' must be auto, none, required or an object");
      };
    }
    RequestField object = choice.object();
    return switch (object.requiredString("type")) {
      case "function", "custom" -> new ToolChoice.Named(object.requiredString("name"));
      case "allowed_tools" ->
          object.optionalString("mode").orElse("auto").equals("required")
              ? new ToolChoice.Required(parallel)
              : new ToolChoice.Auto(parallel);
      default -> new ToolChoice.Auto(parallel);
    };
  }

  private static Optional<Reasoning> readReasoning(RequestField reasoning) {
    if (reasoning.isAbsent()) {
      return Optional.empty();
    }
    reasoning.object();
    Optional<Reasoning.Effort> effort =
        reasoning
            .optionalString("effort")
            .map(name ->
                ReasoningLevels.fromOpenAiName(name)
                    .orElseThrow(() ->
                        RequestField.invalid(
                            "'reasoning.effort' must be none, minimal, low, medium, high"
                                + " or xhigh")));
    String summary =
        reasoning
            .optionalString("summary")
            .or(() -> reasoning.optionalString("generate_summary"))
            .orElse("");
    boolean show =
        summary.equals("auto") || summary.equals("concise") || summary.equals("detailed");
    return Optional.of(new Reasoning(effort, OptionalInt.empty(), show));
  }

  private static ResponseFormat readFormat(RequestField text) {
    if (text.isAbsent()) {
      return ResponseFormat.TEXT;
    }
    RequestField format = text.object().get("format");
    if (format.isAbsent()) {
      return ResponseFormat.TEXT;
    }
    format.object();
    return switch (format.requiredString("type")) {
      case "text" -> ResponseFormat.TEXT;
      case "json_object" -> new ResponseFormat.JsonObject();
      case "json_schema" -> {
        RequestField schema = format.get("schema");
        if (!schema.isObject()) {
          throw RequestField.invalid("'text.format.schema' is required and must be an object");
        }
        yield new ResponseFormat.JsonSchema(
            format.optionalString("name").orElse(""),
            schema.node(),
            format.optionalBoolean("strict", false));
      }
      default ->
          throw RequestField.invalid("'text.format.type' must be text, json_object or json_schema");
    };
  }

  /** Builds the message list, merging consecutive parts of one role into one message. */
  private static final class Conversation {
    private final List<Message> done = new ArrayList<>();
    private Role role;
    private List<Part> parts = new ArrayList<>();

    void add(Role r, Part part) {
      addAll(r, List.of(part));
    }

    void addAll(Role r, List<Part> newParts) {
      if (r != role) {
        flush();
        role = r;
      }
      parts.addAll(newParts);
    }

    private void flush() {
      if (role != null && !parts.isEmpty()) {
        done.add(new Message(role, parts));
        parts = new ArrayList<>();
      }
    }

    List<Message> messages() {
      flush();
      role = null;
      return done;
    }
  }
}
