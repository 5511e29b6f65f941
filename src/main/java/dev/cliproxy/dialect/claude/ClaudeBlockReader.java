package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Claude content blocks into canonical parts, remembering tool names by call id so that a
 * later {@code tool_result} gets the name of the {@code tool_use} it answers.
 *
 * <p>Blocks the canonical model has no place for are dropped: server tool blocks ({@code
 * server_tool_use}, {@code web_search_tool_result}, {@code code_execution_tool_result}, {@code
 * mcp_tool_use} …), {@code search_result}, {@code container_upload} and any type Anthropic adds
 * later. They only mean something to Claude itself, which the proxy reaches by passthrough rather
 * than through this codec, and refusing them would break clients as soon as a new block type ships.
 */
final class ClaudeBlockReader {
  private final ClaudeJson json;
  private final Map<String, String> toolNames = new HashMap<>();

  ClaudeBlockReader(ClaudeJson json) {
    this.json = json;
  }

  /** The parts of a {@code content} value: a string or an array of blocks. */
  List<Part> content(JsonNode content, String path) {
    if (content == null || content.isNull()) {
      return List.of();
    }
    if (content.isTextual()) {
      return List.of(new Part.Text(content.textValue()));
    }
    if (!content.isArray()) {
      throw json.fault(path, "must be a string or an array of content blocks");
    }
    List<Part> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      block(json.element(content, i, path), path + "[" + i + "]").ifPresent(parts::add);
    }
    return parts;
  }

  /** One block as a part, or empty when the block is one the model does not keep. */
  Optional<Part> block(ObjectNode block, String path) {
    String type = json.text(block, "type", path);
    return switch (type) {
      case "text" -> Optional.of(new Part.Text(json.text(block, "text", path)));
      case "image" -> Optional.of(new Part.Image(media(block, path)));
      case "document" -> Optional.of(document(block, path));
      case "thinking" ->
          Optional.of(
              new Part.Thinking(
                  json.text(block, "thinking", path),
                  signature(json.optText(block, "signature", path))));
      case "redacted_thinking" ->
          Optional.of(
              new Part.RedactedThinking(
                  new Signature(Dialect.CLAUDE, json.text(block, "data", path))));
      case "tool_use" -> Optional.of(toolUse(block, path));
      case "tool_result" -> Optional.of(toolResult(block, path));
      default -> Optional.empty();
    };
  }

  /**
   * An empty signature is no signature: nothing can be proven with it. One the proxy wrapped for
   * the client (a Responses upstream's encrypted reasoning) is unwrapped.
   */
  private static Optional<Signature> signature(Optional<String> value) {
    return value.filter(s -> !s.isEmpty()).map(s -> Signature.read(Dialect.CLAUDE, s));
  }

  private Part.ToolCall toolUse(ObjectNode block, String path) {
    String id = json.text(block, "id", path);
    String name = json.text(block, "name", path);
    JsonNode input = block.get("input");
    String arguments;
    if (input == null || input.isNull()) {
      arguments = "{}";
    } else if (input.isObject()) {
      arguments = ClaudeJson.text(input);
    } else {
      throw json.fault(path + ".input", "must be an object");
    }
    toolNames.put(id, name);
    return new Part.ToolCall(id, name, arguments, Optional.empty());
  }

  private Part.ToolResult toolResult(ObjectNode block, String path) {
    String callId = json.text(block, "tool_use_id", path);
    List<Part> content = new ArrayList<>();
    for (Part p : content(block.get("content"), path + ".content")) {
      // A tool's output is text, images and documents; anything else inside it is dropped.
      if (p instanceof Part.Text || p instanceof Part.Image || p instanceof Part.File) {
        content.add(p);
      }
    }
    return new Part.ToolResult(
        callId,
        toolNames.getOrDefault(callId, ""),
        content,
        json.bool(block, "is_error", path, false));
  }

  private Part.File document(ObjectNode block, String path) {
    String filename = json.optText(block, "title", path).orElse("");
    ObjectNode source = json.object(block, "source", path);
    String sourcePath = path + ".source";
    if ("text".equals(json.text(source, "type", sourcePath))) {
      // A plain-text document is kept as an inline text/plain file; the encoder turns it back.
      String data = json.text(source, "data", sourcePath);
      String mime = json.optText(source, "media_type", sourcePath).orElse("text/plain");
      return new Part.File(
          new Media.Inline(
              mime, Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))),
          filename);
    }
    return new Part.File(media(block, path), filename);
  }

  private Media media(ObjectNode block, String path) {
    ObjectNode source = json.object(block, "source", path);
    String sourcePath = path + ".source";
    String type = json.text(source, "type", sourcePath);
    return switch (type) {
      case "base64" ->
          new Media.Inline(
              json.text(source, "media_type", sourcePath), json.text(source, "data", sourcePath));
      case "url" ->
          new Media.Url(
              json.text(source, "url", sourcePath),
              json.optText(source, "media_type", sourcePath).orElse(""));
      case "file" ->
          new Media.FileId(
              json.text(source, "file_id", sourcePath),
              json.optText(source, "media_type", sourcePath).orElse(""));
      default ->
          throw json.fault(
              sourcePath + ".type", "'" + type + "' is not supported; use base64, url or file");
    };
  }
}
