package dev.cliproxy.dialect.openai;

import static dev.cliproxy.dialect.openai.RequestFields.array;
import static dev.cliproxy.dialect.openai.RequestFields.bool;
import static dev.cliproxy.dialect.openai.RequestFields.integer;
import static dev.cliproxy.dialect.openai.RequestFields.invalid;
import static dev.cliproxy.dialect.openai.RequestFields.longInteger;
import static dev.cliproxy.dialect.openai.RequestFields.number;
import static dev.cliproxy.dialect.openai.RequestFields.objectAt;
import static dev.cliproxy.dialect.openai.RequestFields.present;
import static dev.cliproxy.dialect.openai.RequestFields.requiredObject;
import static dev.cliproxy.dialect.openai.RequestFields.requiredString;
import static dev.cliproxy.dialect.openai.RequestFields.string;
import static dev.cliproxy.dialect.openai.RequestFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a Chat Completions request body into a {@link ChatRequest}. */
final class OpenAiRequestDecoder {
  private OpenAiRequestDecoder() {}

  static ChatRequest decode(byte[] body) {
    JsonNode root = RequestFields.parseObject(body);
    String model = requiredString(root, "model", "model");
    JsonNode messages = array(root, "messages", "messages");
    if (messages.isEmpty()) {
      throw invalid("missing_field", "'messages' must be a non-empty array.");
    }
    Conversation conversation = new Conversation();
    for (int i = 0; i < messages.size(); i++) {
      conversation.add(objectAt(messages, i, "messages"), "messages[" + i + "]");
    }
    boolean parallel = bool(root, "parallel_tool_calls", "parallel_tool_calls").orElse(true);
    return new ChatRequest(
        model,
        conversation.system,
        conversation.messages,
        tools(root),
        toolChoice(root, parallel),
        sampling(root),
        reasoning(root),
        responseFormat(root),
        bool(root, "stream", "stream").orElse(false),
        string(root, "user", "user"));
  }

  /** The messages read so far, with the bookkeeping that tool messages need. */
  private static final class Conversation {
    final List<Part.Text> system = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final Map<String, String> toolNames = new HashMap<>();
    boolean lastWasTool;

    void add(JsonNode message, String path) {
      String role = requiredString(message, "role", path + ".role");
      boolean tool = role.equals("tool");
      switch (role) {
        case "system", "developer" -> {
          List<Part> parts = content(message, path, false);
          if (messages.isEmpty()) {
            parts.forEach(p -> system.add((Part.Text) p));
          } else {
            messages.add(new Message(Role.SYSTEM, parts));
          }
        }
        case "user" -> messages.add(new Message(Role.USER, content(message, path, true)));
        case "assistant" -> messages.add(new Message(Role.ASSISTANT, assistant(message, path)));
        case "tool" -> addToolResult(message, path);
        default ->
            throw invalid(
                "invalid_role",
                "'"
                    + path
                    + ".role' must be system, developer, user, assistant or tool, not '"
                    + role
                    + "'.");
      }
      lastWasTool = tool;
    }

    private List<Part> assistant(JsonNode message, String path) {
      List<Part> parts = new ArrayList<>();
      string(message, "reasoning_content", path + ".reasoning_content")
          .filter(s -> !s.isEmpty())
          .ifPresent(s -> parts.add(new Part.Thinking(s, Optional.empty())));
      parts.addAll(content(message, path, false));
      JsonNode calls = array(message, "tool_calls", path + ".tool_calls");
      for (int i = 0; i < calls.size(); i++) {
        String callPath = path + ".tool_calls[" + i + "]";
        JsonNode call = objectAt(calls, i, path + ".tool_calls");
        JsonNode function = requiredObject(call, "function", callPath + ".function");
        String id = requiredString(call, "id", callPath + ".id");
        String name = requiredString(function, "name", callPath + ".function.name");
        String arguments =
            string(function, "arguments", callPath + ".function.arguments").orElse("{}");
        toolNames.put(id, name);
        parts.add(new Part.ToolCall(id, name, arguments, Optional.empty()));
      }
      return parts;
    }

    /** Tool messages become tool results of one user message, as long as they follow each other. */
    private void addToolResult(JsonNode message, String path) {
      String id = requiredString(message, "tool_call_id", path + ".tool_call_id");
      Part.ToolResult result =
          new Part.ToolResult(
              id, toolNames.getOrDefault(id, ""), content(message, path, false), false);
      if (lastWasTool) {
        Message previous = messages.removeLast();
        List<Part> parts = new ArrayList<>(previous.parts());
        parts.add(result);
        messages.add(new Message(Role.USER, parts));
      } else {
        messages.add(new Message(Role.USER, List.of(result)));
      }
    }
  }

  /**
   * A message's {@code content}: a string or an array of parts. Only user messages may hold media;
   * elsewhere only text (and assistant refusals) is accepted.
   */
  private static List<Part> content(JsonNode message, String path, boolean mediaAllowed) {
    List<Part> parts = new ArrayList<>();
    Optional<JsonNode> content = present(message, "content");
    if (content.isEmpty()) {
      return parts;
    }
    JsonNode c = content.get();
    String contentPath = path + ".content";
    if (c.isTextual()) {
      if (!c.textValue().isEmpty()) {
        parts.add(new Part.Text(c.textValue()));
      }
      return parts;
    }
    if (!c.isArray()) {
      throw wrongType(contentPath, "a string or an array of content parts");
    }
    for (int i = 0; i < c.size(); i++) {
      parts.add(
          contentPart(objectAt(c, i, contentPath), contentPath + "[" + i + "]", mediaAllowed));
    }
    return parts;
  }

  private static Part contentPart(JsonNode part, String path, boolean mediaAllowed) {
    String type = requiredString(part, "type", path + ".type");
    switch (type) {
      case "text":
        return new Part.Text(requiredString(part, "text", path + ".text"));
      case "refusal":
        return new Part.Text(requiredString(part, "refusal", path + ".refusal"));
      default:
        break;
    }
    if (!mediaAllowed) {
      throw invalid(
          "invalid_content",
          "'"
              + path
              + ".type' must be 'text' here; '"
              + type
              + "' parts are only for user messages.");
    }
    return switch (type) {
      case "image_url" -> {
        // Some older clients send the URL itself instead of {"url": ...}.
        JsonNode image = present(part, "image_url").orElse(part);
        String url =
            image.isTextual()
                ? image.textValue()
                : requiredString(
                    requiredObject(part, "image_url", path + ".image_url"),
                    "url",
                    path + ".image_url.url");
        yield new Part.Image(
            DataUrls.parse(url).<Media>map(m -> m).orElseGet(() -> new Media.Url(url, "")));
      }
      case "file" -> file(requiredObject(part, "file", path + ".file"), path + ".file");
      case "input_audio" ->
          throw invalid(
              "unsupported_content",
              "'"
                  + path
                  + "' is an input_audio part; audio input is not supported by this proxy. Send"
                  + " text, image_url or file parts.");
      default ->
          throw invalid(
              "invalid_content",
              "'" + path + ".type' must be text, image_url or file, not '" + type + "'.");
    };
  }

  private static Part file(JsonNode file, String path) {
    String filename = string(file, "filename", path + ".filename").orElse("");
    Optional<String> data = string(file, "file_data", path + ".file_data");
    if (data.isPresent()) {
      Media.Inline inline =
          DataUrls.parse(data.get())
              .orElseThrow(() ->
                  invalid(
                      "invalid_content",
                      "'"
                          + path
                          + ".file_data' must be a data URL"
                          + " (data:<mime type>;base64,<data>)."));
      return new Part.File(inline, filename);
    }
    Optional<String> id = string(file, "file_id", path + ".file_id");
    if (id.isPresent()) {
      return new Part.File(new Media.FileId(id.get(), ""), filename);
    }
    throw invalid("missing_field", "'" + path + "' needs file_data or file_id.");
  }

  private static List<Tool> tools(JsonNode root) {
    JsonNode tools = array(root, "tools", "tools");
    List<Tool> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonNode tool = objectAt(tools, i, "tools");
      String type = string(tool, "type", path + ".type").orElse("function");
      if (!type.equals("function")) {
        out.add(new Tool.Native(Dialect.OPENAI_CHAT, tool));
        continue;
      }
      JsonNode function = requiredObject(tool, "function", path + ".function");
      JsonNode parameters =
          present(function, "parameters")
              .orElseGet(() -> RequestFields.JSON.createObjectNode().put("type", "object"));
      if (!parameters.isObject()) {
        throw wrongType(path + ".function.parameters", "a JSON Schema object");
      }
      out.add(
          new Tool.Function(
              requiredString(function, "name", path + ".function.name"),
              string(function, "description", path + ".function.description").orElse(""),
              parameters,
              bool(function, "strict", path + ".function.strict").orElse(false)));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode root, boolean parallel) {
    Optional<JsonNode> choice = present(root, "tool_choice");
    if (choice.isEmpty()) {
      return new ToolChoice.Auto(parallel);
    }
    JsonNode c = choice.get();
    if (c.isTextual()) {
      return switch (c.textValue()) {
        case "auto" -> new ToolChoice.Auto(parallel);
        case "none" -> new ToolChoice.None();
        case "required" -> new ToolChoice.Required(parallel);
        default ->
            throw invalid(
                "invalid_value",
                "'tool_choice' must be auto, none, required or {\"type\":\"function\",...}, not '"
                    + c.textValue()
                    + "'.");
      };
    }
    if (!c.isObject()) {
      throw wrongType("tool_choice", "a string or an object");
    }
    String type = requiredString(c, "type", "tool_choice.type");
    if (!type.equals("function")) {
      throw invalid("invalid_value", "'tool_choice.type' must be 'function', not '" + type + "'.");
    }
    JsonNode function = requiredObject(c, "function", "tool_choice.function");
    return new ToolChoice.Named(requiredString(function, "name", "tool_choice.function.name"));
  }

  private static Sampling sampling(JsonNode root) {
    OptionalInt maxTokens = integer(root, "max_completion_tokens", "max_completion_tokens");
    if (maxTokens.isEmpty()) {
      maxTokens = integer(root, "max_tokens", "max_tokens");
    }
    return new Sampling(
        number(root, "temperature", "temperature"),
        number(root, "top_p", "top_p"),
        integer(root, "top_k", "top_k"),
        maxTokens,
        stop(root),
        longInteger(root, "seed", "seed"),
        number(root, "presence_penalty", "presence_penalty"),
        number(root, "frequency_penalty", "frequency_penalty"),
        integer(root, "n", "n"));
  }

  private static List<String> stop(JsonNode root) {
    Optional<JsonNode> stop = present(root, "stop");
    if (stop.isEmpty()) {
      return List.of();
    }
    if (stop.get().isTextual()) {
      return List.of(stop.get().textValue());
    }
    if (!stop.get().isArray()) {
      throw wrongType("stop", "a string or an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : stop.get()) {
      if (!s.isTextual()) {
        throw wrongType("stop[" + out.size() + "]", "a string");
      }
      out.add(s.textValue());
    }
    return out;
  }

  /**
   * {@code reasoning_effort}. Chat clients read thinking back as {@code reasoning_content}, so the
   * thoughts are asked for whenever reasoning is.
   */
  private static Optional<Reasoning> reasoning(JsonNode root) {
    return string(root, "reasoning_effort", "reasoning_effort")
        .map(name ->
            new Reasoning(
                Optional.of(
                    ReasoningLevels.fromOpenAiName(name)
                        .orElseThrow(() ->
                            invalid(
                                "invalid_value",
                                "'reasoning_effort' must be none, minimal, low, medium,"
                                    + " high or xhigh, not '"
                                    + name
                                    + "'."))),
                OptionalInt.empty(),
                true));
  }

  private static ResponseFormat responseFormat(JsonNode root) {
    Optional<JsonNode> format = present(root, "response_format");
    if (format.isEmpty()) {
      return ResponseFormat.TEXT;
    }
    if (!format.get().isObject()) {
      throw wrongType("response_format", "an object");
    }
    String type = requiredString(format.get(), "type", "response_format.type");
    return switch (type) {
      case "text" -> ResponseFormat.TEXT;
      case "json_object" -> new ResponseFormat.JsonObject();
      case "json_schema" -> {
        JsonNode spec = requiredObject(format.get(), "json_schema", "response_format.json_schema");
        JsonNode schema = present(spec, "schema").orElseGet(RequestFields.JSON::createObjectNode);
        if (!schema.isObject()) {
          throw wrongType("response_format.json_schema.schema", "a JSON Schema object");
        }
        yield new ResponseFormat.JsonSchema(
            string(spec, "name", "response_format.json_schema.name").orElse(""),
            schema,
            bool(spec, "strict", "response_format.json_schema.strict").orElse(false));
      }
      default ->
          throw invalid(
              "invalid_value",
              "'response_format.type' must be text, json_object or json_schema, not '"
                  + type
                  + "'.");
    };
  }
}
