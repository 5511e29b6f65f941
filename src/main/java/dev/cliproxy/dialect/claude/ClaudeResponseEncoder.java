package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReasons;

/**
 * Writes a {@link ChatResponse} as the Claude {@code message} object a non-streaming client
 * expects.
 */
final class ClaudeResponseEncoder {

  byte[] encode(ChatResponse response, ChatRequest request, CodecContext context) {
    ClaudeBlockWriter writer = ClaudeBlockWriter.forClient(context);
    ObjectNode root = ClaudeJson.MAPPER.createObjectNode();
    root.put("id", writer.idOr(response.id(), "msg_"));
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", response.model().isEmpty() ? request.model() : response.model());
    ArrayNode content = root.putArray("content");
    for (Part p : response.content()) {
      writer.block(p).ifPresent(content::add);
    }
    root.put("stop_reason", StopReasons.toClaude(response.stopReason()));
    // The canonical answer does not say which stop sequence matched.
    root.putNull("stop_sequence");
    root.set("usage", ClaudeUsage.write(response.usage()));
    return ClaudeJson.bytes(root);
  }
}
