package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.Usage;
import java.util.List;

/**
 * Reads a Claude {@code message} (a whole answer) into a {@link ChatResponse}. Claude answers carry
 * no timestamp, so {@code created} is 0 and encoders that need one stamp their own.
 */
final class ClaudeResponseDecoder {
  private static final ClaudeJson JSON = ClaudeJson.UPSTREAM;

  ChatResponse decode(byte[] body) {
    ObjectNode root = JSON.parseObject(body);
    if ("error".equals(root.path("type").asText())) {
      throw JSON.fault("body", "it is an error: " + root.path("error").path("message").asText());
    }
    JsonNode content = JSON.array(root, "content", "message");
    List<Part> parts = new ClaudeBlockReader(JSON).content(content, "message.content");
    return new ChatResponse(
        JSON.text(root, "id", "message"),
        JSON.optText(root, "model", "message").orElse(""),
        0,
        parts,
        StopReasons.fromClaude(JSON.optText(root, "stop_reason", "message").orElse(null)),
        ClaudeUsage.read(root.get("usage"), Usage.NONE, JSON, "message.usage"));
  }
}
