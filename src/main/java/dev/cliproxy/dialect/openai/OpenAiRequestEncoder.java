package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ReasoningLevels;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ChatRequest} as a Chat Completions request for an OpenAI-compatible upstream.
 *
 * <p>What Chat Completions cannot carry is dropped here: thinking signatures and redacted thinking
 * (chat has no field for them, whatever their origin), media in assistant messages, images by file
 * id, files by non-data URL, the error flag of tool results, tools native to other dialects, and
 * the "auto" reasoning effort (the upstream's default is the same thing).
 */
final class OpenAiRequestEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenAiRequestEncoder() {}

  static ObjectNode encode(ChatRequest request) {
    ObjectNode root = NODES.objectNode();
    root.put("model", request.model());
    ArrayNode messages = root.putArray("messages");
    if (!request.system().isEmpty()) {
      messages.add(textMessage("system", new ArrayList<>(request.system())));
    }
    for (Message message : request.messages()) {
      switch (message.role()) {
        case SYSTEM -> messages.add(textMessage("system", message.parts()));
        case USER -> user(message.parts(), messages);
        case ASSISTANT -> messages.add(assistant(message.parts()));
      }
    }
    tools(request, root);
    sampling(request.sampling(), root);
    request.reasoning().flatMap(ReasoningLevels::effortOf).ifPresent(e -> effort(e, root));
    responseFormat(request.responseFormat(), root);
    if (request.stream()) {
      root.put("stream", true);
      root.putObject("stream_options").put("include_usage", true);
    }
    request.user().ifPresent(u -> root.put("user", u));
    return root;
  }

  private static ObjectNode textMessage(String role, List<? extends Part> parts) {
    ObjectNode message = NODES.objectNode().put("role", role);
    message.set("content", textContent(parts));
    return message;
  }

  /** One text part as a plain string, several as an array of text parts. */
  private static com.fasterxml.jackson.databind.JsonNode textContent(List<? extends Part> parts) {
    List<String> texts = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof Part.Text text) {
        texts.add(text.text());
      }
    }
    if (texts.size() == 1) {
      return NODES.textNode(texts.getFirst());
    }
    if (texts.isEmpty()) {
      return NODES.textNode("");
    }
    ArrayNode array = NODES.arrayNode();
    texts.forEach(t -> array.addObject().put("type", "text").put("text", t));
    return array;
  }

  /**
   * A user turn: its tool results first, one {@code tool} message each in order (they must follow
   * the assistant's calls), then the rest as a user message. Tool messages hold text only, so
   * images and files a tool returned go into that user message.
   */
  private static void user(List<Part> parts, ArrayNode messages) {
    List<Part> rest = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof Part.ToolResult result) {
        ObjectNode tool = messages.addObject().put("role", "tool");
        tool.put("tool_call_id", result.callId());
        tool.set("content", textContent(result.content()));
        result.content().stream().filter(p -> !(p instanceof Part.Text)).forEach(rest::add);
      } else {
        rest.add(part);
      }
    }
    if (rest.isEmpty()) {
      return;
    }
    ObjectNode message = messages.addObject().put("role", "user");
    if (rest.size() == 1 && rest.getFirst() instanceof Part.Text text) {
      message.put("content", text.text());
      return;
    }
    ArrayNode content = message.putArray("content");
    for (Part part : rest) {
      switch (part) {
        case Part.Text text -> content.addObject().put("type", "text").put("text", text.text());
        case Part.Image image -> imageUrl(image.media(), content);
        case Part.File file -> file(file, content);
        default -> {} // thinking and tool calls do not belong in user turns
      }
    }
  }

  private static void imageUrl(Media media, ArrayNode content) {
    String url =
        switch (media) {
          case Media.Inline inline -> DataUrls.of(inline);
          case Media.Url u -> u.url();
          case Media.FileId ignored -> null;
        };
    if (url != null) {
      content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    }
  }

  private static void file(Part.File file, ArrayNode content) {
    ObjectNode spec = NODES.objectNode();
    switch (file.media()) {
      case Media.Inline inline -> spec.put("file_data", DataUrls.of(inline));
      case Media.FileId id -> spec.put("file_id", id.id());
      case Media.Url url -> {
        if (DataUrls.parse(url.url()).isEmpty()) {
          return;
        }
        spec.put("file_data", url.url());
      }
    }
    if (!file.filename().isEmpty()) {
      spec.put("filename", file.filename());
    }
    content.addObject().put("type", "file").set("file", spec);
  }

  private static ObjectNode assistant(List<Part> parts) {
    ObjectNode message = NODES.objectNode().put("role", "assistant");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = NODES.arrayNode();
    for (Part part : parts) {
      switch (part) {
        case Part.Text t -> text.append(t.text());
        case Part.Thinking t -> reasoning.append(t.text());
        case Part.ToolCall call -> {
          ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
          c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        }
        default -> {} // see the class comment
      }
    }
    if (!reasoning.isEmpty()) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (text.isEmpty() && !calls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    return message;
  }

  private static void tools(ChatRequest request, ObjectNode root) {
    ArrayNode tools = NODES.arrayNode();
    for (Tool tool : request.tools()) {
      switch (tool) {
        case Tool.Function f -> {
          ObjectNode function = tools.addObject().put("type", "function").putObject("function");
          function.put("name", f.name());
          if (!f.description().isEmpty()) {
            function.put("description", f.description());
          }
          function.set("parameters", f.parameters());
          if (f.strict()) {
            function.put("strict", true);
          }
        }
        case Tool.Native n -> {
          if (n.dialect() == Dialect.OPENAI_CHAT) {
            tools.add(n.definition());
          }
        }
      }
    }
    if (tools.isEmpty()) {
      // Without tools, OpenAI refuses tool_choice and parallel_tool_calls; "none" is the same.
      return;
    }
    root.set("tools", tools);
    switch (request.toolChoice()) {
      case ToolChoice.Auto auto -> parallel(auto.parallel(), root);
      case ToolChoice.None ignored -> root.put("tool_choice", "none");
      case ToolChoice.Required required -> {
        root.put("tool_choice", "required");
        parallel(required.parallel(), root);
      }
      case ToolChoice.Named named ->
          root.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", named.name());
    }
  }

  /** Parallel calls are OpenAI's default, so only "no" is written. */
  private static void parallel(boolean parallel, ObjectNode root) {
    if (!parallel) {
      root.put("parallel_tool_calls", false);
    }
  }

  private static void sampling(Sampling s, ObjectNode root) {
    s.temperature().ifPresent(v -> root.put("temperature", v));
    s.topP().ifPresent(v -> root.put("top_p", v));
    s.topK().ifPresent(v -> root.put("top_k", v));
    s.maxOutputTokens().ifPresent(v -> root.put("max_tokens", v));
    if (!s.stopSequences().isEmpty()) {
      ArrayNode stop = root.putArray("stop");
      s.stopSequences().forEach(stop::add);
    }
    s.seed().ifPresent(v -> root.put("seed", v));
    s.presencePenalty().ifPresent(v -> root.put("presence_penalty", v));
    s.frequencyPenalty().ifPresent(v -> root.put("frequency_penalty", v));
    s.candidateCount().ifPresent(v -> root.put("n", v));
  }

  private static void effort(Reasoning.Effort effort, ObjectNode root) {
    if (effort != Reasoning.Effort.AUTO) {
      root.put("reasoning_effort", ReasoningLevels.openAiName(effort));
    }
  }

  private static void responseFormat(ResponseFormat format, ObjectNode root) {
    switch (format) {
      case ResponseFormat.Text ignored -> {}
      case ResponseFormat.JsonObject ignored ->
          root.putObject("response_format").put("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        ObjectNode spec =
            root.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        spec.put("name", schema.name().isEmpty() ? "response" : schema.name());
        spec.set("schema", schema.schema());
        if (schema.strict()) {
          spec.put("strict", true);
        }
      }
    }
  }
}
