package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReasons;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a whole canonical answer as a Responses {@code response} object: consecutive texts become
 * one message item, thinking a reasoning item, tool calls function_call items; parts an answer
 * cannot hold in Responses (images, redacted thinking) are dropped.
 */
final class ResponsesResponseEncoder {

  byte[] encode(ChatResponse response, ChatRequest request, CodecContext context) {
    String id = responseId(response.id(), context);
    ArrayNode output = JsonNodeFactory.instance.arrayNode();
    List<String> texts = new ArrayList<>();
    for (Part part : response.content()) {
      if (part instanceof Part.Text text) {
        texts.add(text.text());
        continue;
      }
      flushMessage(id, output, texts);
      switch (part) {
        case Part.Thinking t ->
            output.add(
                ResponsesItems.reasoning(
                    ResponsesItems.reasoningId(id, output.size()), t.text(), t.signature()));
        case Part.ToolCall call ->
            output.add(
                ResponsesItems.functionCall("completed", call.id(), call.name(), call.arguments()));
        default -> {
          // No Responses output item for it.
        }
      }
    }
    flushMessage(id, output, texts);
    String incomplete = StopReasons.toResponsesIncompleteReason(response.stopReason());
    return ResponsesJson.bytes(
        ResponsesObject.build(
            id,
            response.created() > 0 ? response.created() : context.nowEpochSeconds(),
            incomplete == null ? "completed" : "incomplete",
            response.model(),
            request,
            output,
            response.usage(),
            incomplete,
            null));
  }

  private static void flushMessage(String id, ArrayNode output, List<String> texts) {
    if (!texts.isEmpty()) {
      output.add(
          ResponsesItems.message(
              ResponsesItems.messageId(id, output.size()), "completed", List.copyOf(texts)));
      texts.clear();
    }
  }

  /** The upstream's id, or {@code resp_} plus a fresh suffix when it gave none. */
  static String responseId(String upstreamId, CodecContext context) {
    return upstreamId == null || upstreamId.isEmpty()
        ? "resp_" + context.randomSuffix().get()
        : upstreamId;
  }
}
