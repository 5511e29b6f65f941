package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.StopReasons;
import java.time.Instant;
import java.util.Map;

/** Writes a ChatResponse as a Gemini {@code GenerateContentResponse} for a client. */
final class GeminiResponseEncoder {
  private GeminiResponseEncoder() {}

  static ObjectNode encode(ChatResponse response) {
    ObjectNode root = GeminiNode.JSON.createObjectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
    new GeminiPartWriter(GeminiPartWriter.Audience.CLIENT, Map.of())
        .write(response.content(), parts);
    candidate.put("finishReason", StopReasons.toGemini(response.stopReason()));
    candidate.put("index", 0);
    root.set("usageMetadata", GeminiUsage.write(response.usage()));
    stamp(root, response.model(), response.id(), response.created());
    return root;
  }

  /** The fields every answer and chunk carries: model, id and, when known, time. */
  static void stamp(ObjectNode root, String model, String id, long created) {
    root.put("modelVersion", model);
    root.put("responseId", id);
    if (created > 0) {
      root.put("createTime", Instant.ofEpochSecond(created).toString());
    }
  }
}
