package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an upstream's Responses stream into canonical events: each message, reasoning or
 * function_call output item becomes one block, in stream order. The type is read from the data (not
 * the {@code event:} line). {@code output_item.done} completes what the deltas did not carry: the
 * reasoning item's {@code encrypted_content} (a signature delta), and the whole text or arguments
 * when no deltas came. {@code response.completed} or {@code response.incomplete} ends the stream;
 * {@code response.failed}, {@code error}, or the end of input before either is a failure.
 * Hosted-tool items (web_search_call, …) are skipped.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
  private final CodecContext context;
  private boolean started;
  private boolean ended;
  private boolean sawToolCall;
  private int nextBlock;
  private OpenItem open;

  /** The item whose block is open, and whether deltas already carried its content. */
  private static final class OpenItem {
    private final int block;
    private final int outputIndex;
    private final String type;
    private boolean hadDeltas;

    OpenItem(int block, int outputIndex, String type) {
      this.block = block;
      this.outputIndex = outputIndex;
      this.type = type;
    }

    int block() {
      return block;
    }

    int outputIndex() {
      return outputIndex;
    }

    String type() {
      return type;
    }
  }

  ResponsesStreamDecoder(CodecContext context) {
    this.context = context;
  }

  @Override
  public List<StreamEvent> onEvent(byte[] sseEvent) {
    if (ended) {
      return List.of();
    }
    byte[] data = SseData.of(sseEvent);
    if (data == null || SseData.isDone(data)) {
      return List.of();
    }
    JsonNode event;
    try {
      event = ResponsesJson.MAPPER.readTree(data);
    } catch (IOException e) {
      event = null;
    }
    List<StreamEvent> out = new ArrayList<>();
    if (event == null || !event.isObject()) {
      ended = true;
      out.add(new StreamEvent.Failure("the upstream sent an unreadable Responses stream event"));
      return out;
    }
    String type = event.path("type").asText("");
    switch (type) {
      case "response.created", "response.in_progress" -> start(event.path("response"), out);
      case "response.output_item.added" -> {
        start(null, out);
        openItem(event.path("output_index").asInt(-1), event.path("item"), out);
      }
      case "response.output_text.delta", "response.refusal.delta" ->
          delta(event, "message", out, (b, s) -> new StreamEvent.TextDelta(b, s));
      case "response.reasoning_summary_text.delta" ->
          delta(event, "reasoning", out, (b, s) -> new StreamEvent.ThinkingDelta(b, s));
      case "response.function_call_arguments.delta" ->
          delta(event, "function_call", out, (b, s) -> new StreamEvent.ToolArgumentsDelta(b, s));
      case "response.reasoning_summary_part.added" -> {
        // Summaries after the first are joined by a blank line, as in whole answers.
        if (isOpen(event, "reasoning") && event.path("summary_index").asInt(0) > 0) {
          out.add(new StreamEvent.ThinkingDelta(open.block(), "\n\n"));
        }
      }
      case "response.output_item.done" -> {
        start(null, out);
        finishItem(event.path("output_index").asInt(-1), event.path("item"), out);
      }
      case "response.completed", "response.incomplete" -> {
        start(event.path("response"), out);
        closeOpen(out);
        JsonNode response = event.path("response");
        out.add(
            new StreamEvent.Finish(
                StopReasons.fromResponses(
                    response.path("status").asText(type.substring("response.".length())),
                    response.path("incomplete_details").path("reason").asText(null),
                    sawToolCall),
                ResponsesUsage.read(response.get("usage"))));
        ended = true;
      }
      case "response.failed" -> fail(event.path("response").path("error"), out);
      case "error" -> fail(event.has("error") ? event.path("error") : event, out);
      default -> {
        // content_part.added/done, *.done with full text, and other events carry nothing new.
      }
    }
    return out;
  }

  @Override
  public List<StreamEvent> onEnd() {
    if (ended) {
      return List.of();
    }
    ended = true;
    List<StreamEvent> out = new ArrayList<>();
    closeOpen(out);
    out.add(new StreamEvent.Failure("the upstream stream ended before response.completed"));
    return out;
  }

  private void start(JsonNode response, List<StreamEvent> out) {
    if (started) {
      return;
    }
    started = true;
    JsonNode r = response == null ? MissingNode.getInstance() : response;
    long created = r.path("created_at").asLong(0);
    out.add(
        new StreamEvent.Start(
            r.path("id").asText(""),
            r.path("model").asText(""),
            created > 0 ? created : context.nowEpochSeconds(),
            Usage.NONE));
  }

  private static boolean isBlockType(String type) {
    return type.equals("message") || type.equals("reasoning") || type.equals("function_call");
  }

  private void openItem(int outputIndex, JsonNode item, List<StreamEvent> out) {
    String type = item.path("type").asText("");
    if (!isBlockType(type)) {
      return;
    }
    closeOpen(out);
    open = new OpenItem(nextBlock++, outputIndex, type);
    StreamEvent.Block block =
        switch (type) {
          case "message" -> new StreamEvent.Block.Text();
          case "reasoning" -> new StreamEvent.Block.Thinking();
          default -> {
            sawToolCall = true;
            yield new StreamEvent.Block.ToolCall(
                item.path("call_id").asText(""), item.path("name").asText(""));
          }
        };
    out.add(new StreamEvent.BlockStart(open.block(), block));
  }

  private boolean isOpen(JsonNode event, String type) {
    return open != null
        && open.type().equals(type)
        && event.path("output_index").asInt(open.outputIndex()) == open.outputIndex();
  }

  private interface DeltaFactory {
    StreamEvent make(int block, String text);
  }

  private void delta(JsonNode event, String type, List<StreamEvent> out, DeltaFactory factory) {
    String text = event.path("delta").asText("");
    if (isOpen(event, type) && !text.isEmpty()) {
      open.hadDeltas = true;
      out.add(factory.make(open.block(), text));
    }
  }

  private void finishItem(int outputIndex, JsonNode item, List<StreamEvent> out) {
    String type = item.path("type").asText("");
    if (!isBlockType(type)) {
      return;
    }
    if (open == null || open.outputIndex() != outputIndex || !open.type().equals(type)) {
      openItem(outputIndex, item, out);
    }
    int block = open.block();
    boolean hadDeltas = open.hadDeltas;
    switch (type) {
      case "message" -> {
        if (!hadDeltas) {
          for (Part p : OutputItemReader.texts(item)) {
            String text = ((Part.Text) p).text();
            if (!text.isEmpty()) {
              out.add(new StreamEvent.TextDelta(block, text));
            }
          }
        }
      }
      case "reasoning" -> {
        String summary = OutputItemReader.summary(item);
        if (!hadDeltas && !summary.isEmpty()) {
          out.add(new StreamEvent.ThinkingDelta(block, summary));
        }
        Optional<Signature> signature = OutputItemReader.signature(item);
        signature.ifPresent(s -> out.add(new StreamEvent.SignatureDelta(block, s)));
      }
      default -> {
        if (!hadDeltas) {
          out.add(new StreamEvent.ToolArgumentsDelta(block, OutputItemReader.arguments(item)));
        }
      }
    }
    closeOpen(out);
  }

  private void closeOpen(List<StreamEvent> out) {
    if (open != null) {
      out.add(new StreamEvent.BlockStop(open.block()));
      open = null;
    }
  }

  private void fail(JsonNode error, List<StreamEvent> out) {
    ended = true;
    String message = error.path("message").asText("");
    String code = error.path("code").asText("");
    out.add(
        new StreamEvent.Failure(
            "the upstream failed"
                + (code.isEmpty() ? "" : " (" + code + ")")
                + (message.isEmpty() ? "" : ": " + message)));
  }
}
