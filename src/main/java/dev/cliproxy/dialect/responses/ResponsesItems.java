package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Signature;
import java.util.List;
import java.util.Optional;

/**
 * Output items as OpenAI writes them in answers and stream events (message, reasoning,
 * function_call) and their ids. A reasoning item's {@code encrypted_content} holds a Responses
 * upstream's value verbatim, or another upstream's signature wrapped so it comes back in the
 * client's next request ({@link Signature#forClient}).
 */
final class ResponsesItems {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesItems() {}

  /** The encrypted content a client gets for a signature, if it can keep it. */
  static Optional<String> encryptedContent(Optional<Signature> signature) {
    return signature.flatMap(s -> s.forClient(Dialect.OPENAI_RESPONSES));
  }

  /** {@code msg_<responseId>_<outputIndex>}. */
  static String messageId(String responseId, int outputIndex) {
    return "msg_" + responseId + "_" + outputIndex;
  }

  /** {@code rs_<responseId>_<outputIndex>}. */
  static String reasoningId(String responseId, int outputIndex) {
    return "rs_" + responseId + "_" + outputIndex;
  }

  /** {@code fc_<call_id>}. */
  static String functionCallId(String callId) {
    return "fc_" + callId;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = NODES.objectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  /** An assistant message item with one output_text part per text. */
  static ObjectNode message(String id, String status, List<String> texts) {
    ObjectNode item =
        NODES
            .objectNode()
            .put("id", id)
            .put("type", "message")
            .put("status", status)
            .put("role", "assistant");
    ArrayNode content = item.putArray("content");
    texts.forEach(t -> content.add(outputText(t)));
    return item;
  }

  static ObjectNode summaryText(String text) {
    return NODES.objectNode().put("type", "summary_text").put("text", text);
  }

  /** A reasoning item for a client; an empty text gives an empty summary. */
  static ObjectNode reasoning(String id, String text, Optional<Signature> signature) {
    ObjectNode item = NODES.objectNode().put("id", id).put("type", "reasoning");
    ArrayNode summary = item.putArray("summary");
    if (!text.isEmpty()) {
      summary.add(summaryText(text));
    }
    encryptedContent(signature).ifPresent(v -> item.put("encrypted_content", v));
    return item;
  }

  static ObjectNode functionCall(String status, String callId, String name, String arguments) {
    return NODES
        .objectNode()
        .put("id", functionCallId(callId))
        .put("type", "function_call")
        .put("status", status)
        .put("arguments", arguments)
        .put("call_id", callId)
        .put("name", name);
  }
}
