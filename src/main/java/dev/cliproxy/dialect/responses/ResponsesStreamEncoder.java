package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes canonical stream events as the Responses stream OpenAI sends: {@code response.created},
 * {@code response.in_progress}, per block one output item from {@code output_item.added} to {@code
 * output_item.done} (Codex CLI builds its answer from the done items), and a final {@code
 * response.completed}, or {@code response.incomplete} when the answer was cut short. {@code
 * sequence_number} counts from 0, as OpenAI does. A failure is a {@code response.failed} event
 * (Codex CLI reads {@code response.error}; it ignores a bare {@code error} event). Redacted
 * thinking has no Responses item and is skipped.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ChatRequest request;
  private final CodecContext context;
  private final ArrayNode output = NODES.arrayNode();
  private int sequence;
  private boolean started;
  private String id;
  private long created;
  private String model = "";
  private Item item;

  /** The output item being written. */
  private static final class Item {
    final StreamEvent.Block block;
    final String id;
    final int outputIndex;
    final StringBuilder content = new StringBuilder();
    boolean summaryOpen;
    boolean announced = true;
    Optional<Signature> signature = Optional.empty();

    Item(StreamEvent.Block block, String id, int outputIndex) {
      this.block = block;
      this.id = id;
      this.outputIndex = outputIndex;
    }
  }

  ResponsesStreamEncoder(ChatRequest request, CodecContext context) {
    this.request = request;
    this.context = context;
  }

  @Override
  public List<byte[]> encode(StreamEvent event) {
    List<byte[]> out = new ArrayList<>();
    switch (event) {
      case StreamEvent.Start s -> start(s.id(), s.model(), s.created(), out);
      case StreamEvent.BlockStart s -> {
        start("", "", 0, out);
        blockStart(s.block(), out);
      }
      case StreamEvent.TextDelta d -> {
        if (item != null && !d.text().isEmpty()) {
          item.content.append(d.text());
          out.add(
              emit(
                  itemEvent("response.output_text.delta")
                      .put("content_index", 0)
                      .put("delta", d.text())
                      .set("logprobs", NODES.arrayNode())));
        }
      }
      case StreamEvent.ThinkingDelta d -> thinkingDelta(d.text(), out);
      case StreamEvent.SignatureDelta d -> {
        if (item != null) {
          item.signature = Optional.of(d.signature());
        }
      }
      case StreamEvent.ToolArgumentsDelta d -> {
        if (item != null && !d.fragment().isEmpty()) {
          item.content.append(d.fragment());
          out.add(
              emit(itemEvent("response.function_call_arguments.delta").put("delta", d.fragment())));
        }
      }
      case StreamEvent.BlockStop ignored -> blockStop(out);
      case StreamEvent.Finish f -> finish(f.stopReason(), f.usage(), out);
      case StreamEvent.Failure f -> fail(f.message(), out);
    }
    return out;
  }

  private void start(
      String upstreamId, String upstreamModel, long upstreamCreated, List<byte[]> out) {
    if (started) {
      return;
    }
    started = true;
    id = ResponsesResponseEncoder.responseId(upstreamId, context);
    created = upstreamCreated > 0 ? upstreamCreated : context.nowEpochSeconds();
    model = upstreamModel;
    for (String type : List.of("response.created", "response.in_progress")) {
      out.add(emit(event(type).set("response", response("in_progress", null, null, null))));
    }
  }

  private void blockStart(StreamEvent.Block block, List<byte[]> out) {
    int outputIndex = output.size();
    switch (block) {
      case StreamEvent.Block.Text ignored -> {
        item = new Item(block, ResponsesItems.messageId(id, outputIndex), outputIndex);
        out.add(itemAdded(ResponsesItems.message(item.id, "in_progress", List.of())));
        out.add(
            emit(
                itemEvent("response.content_part.added")
                    .put("content_index", 0)
                    .set("part", ResponsesItems.outputText(""))));
      }
      case StreamEvent.Block.Thinking ignored -> {
        // Announced on its first text, or at its end if it carries encrypted content the client can
        // keep; a reasoning block with neither (Gemini's bare signature) is left out.
        item = new Item(block, ResponsesItems.reasoningId(id, outputIndex), outputIndex);
        item.announced = false;
      }
      case StreamEvent.Block.ToolCall call -> {
        item = new Item(block, ResponsesItems.functionCallId(call.id()), outputIndex);
        out.add(itemAdded(ResponsesItems.functionCall("in_progress", call.id(), call.name(), "")));
      }
      case StreamEvent.Block.RedactedThinking ignored -> item = null;
    }
  }

  private void thinkingDelta(String text, List<byte[]> out) {
    if (item == null || text.isEmpty()) {
      return;
    }
    announce(out);
    if (!item.summaryOpen) {
      item.summaryOpen = true;
      out.add(
          emit(
              itemEvent("response.reasoning_summary_part.added")
                  .put("summary_index", 0)
                  .set("part", ResponsesItems.summaryText(""))));
    }
    item.content.append(text);
    out.add(
        emit(
            itemEvent("response.reasoning_summary_text.delta")
                .put("summary_index", 0)
                .put("delta", text)));
  }

  private void announce(List<byte[]> out) {
    if (!item.announced) {
      item.announced = true;
      out.add(itemAdded(ResponsesItems.reasoning(item.id, "", Optional.empty())));
    }
  }

  private void blockStop(List<byte[]> out) {
    if (item == null) {
      return;
    }
    if (!item.announced) {
      if (!ResponsesItems.reasoning(item.id, "", item.signature).has("encrypted_content")) {
        item = null;
        return;
      }
      announce(out);
    }
    String content = item.content.toString();
    ObjectNode done;
    switch (item.block) {
      case StreamEvent.Block.Text ignored -> {
        out.add(
            emit(
                itemEvent("response.output_text.done")
                    .put("content_index", 0)
                    .put("text", content)
                    .set("logprobs", NODES.arrayNode())));
        out.add(
            emit(
                itemEvent("response.content_part.done")
                    .put("content_index", 0)
                    .set("part", ResponsesItems.outputText(content))));
        done = ResponsesItems.message(item.id, "completed", List.of(content));
      }
      case StreamEvent.Block.Thinking ignored -> {
        if (item.summaryOpen) {
          out.add(
              emit(
                  itemEvent("response.reasoning_summary_text.done")
                      .put("summary_index", 0)
                      .put("text", content)));
          out.add(
              emit(
                  itemEvent("response.reasoning_summary_part.done")
                      .put("summary_index", 0)
                      .set("part", ResponsesItems.summaryText(content))));
        }
        done = ResponsesItems.reasoning(item.id, content, item.signature);
      }
      case StreamEvent.Block.ToolCall call -> {
        String arguments = content.isEmpty() ? "{}" : content;
        out.add(
            emit(itemEvent("response.function_call_arguments.done").put("arguments", arguments)));
        done = ResponsesItems.functionCall("completed", call.id(), call.name(), arguments);
      }
      case StreamEvent.Block.RedactedThinking ignored -> throw new IllegalStateException();
    }
    out.add(
        emit(
            event("response.output_item.done")
                .put("output_index", item.outputIndex)
                .set("item", done)));
    output.add(done);
    item = null;
  }

  private void finish(dev.cliproxy.dialect.model.StopReason reason, Usage usage, List<byte[]> out) {
    start("", "", 0, out);
    String incomplete = StopReasons.toResponsesIncompleteReason(reason);
    String status = incomplete == null ? "completed" : "incomplete";
    out.add(
        emit(
            event("response." + status)
                .set("response", response(status, usage, incomplete, null))));
  }

  private void fail(String message, List<byte[]> out) {
    start("", "", 0, out);
    ObjectNode error = NODES.objectNode().put("code", "server_error").put("message", message);
    out.add(emit(event("response.failed").set("response", response("failed", null, null, error))));
  }

  private ObjectNode response(
      String status, Usage usage, String incompleteReason, ObjectNode error) {
    return ResponsesObject.build(
        id, created, status, model, request, output.deepCopy(), usage, incompleteReason, error);
  }

  private ObjectNode itemAddedEvent(ObjectNode newItem) {
    return event("response.output_item.added")
        .put("output_index", item.outputIndex)
        .set("item", newItem);
  }

  private byte[] itemAdded(ObjectNode newItem) {
    return emit(itemAddedEvent(newItem));
  }

  /** An event about the current item: {@code item_id} and {@code output_index} set. */
  private ObjectNode itemEvent(String type) {
    return event(type).put("item_id", item.id).put("output_index", item.outputIndex);
  }

  private ObjectNode event(String type) {
    return NODES.objectNode().put("type", type).put("sequence_number", sequence++);
  }

  private static byte[] emit(ObjectNode event) {
    return SseData.namedEvent(event.path("type").asText(), ResponsesJson.bytes(event));
  }
}
