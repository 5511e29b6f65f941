package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Claude upstream's SSE stream into canonical events. Block indexes are renumbered so that
 * blocks the model does not keep (server tool blocks) leave no gaps; usage from {@code
 * message_start} (input, cache) and {@code message_delta} (output, sometimes input) is merged.
 */
final class ClaudeStreamDecoder implements StreamDecoder {
  private static final ClaudeJson JSON = ClaudeJson.UPSTREAM;

  private final CodecContext context;
  private boolean started;
  private boolean ended;

  /** The upstream index of the open block, or -1. */
  private int openUpstream = -1;

  /** The canonical index of the open block, or -1. */
  private int open = -1;

  private int nextIndex;
  private StopReason stopReason;
  private Usage usage = Usage.NONE;

  ClaudeStreamDecoder(CodecContext context) {
    this.context = context;
  }

  @Override
  public List<StreamEvent> onEvent(byte[] sseEvent) {
    List<StreamEvent> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    byte[] data = SseData.of(sseEvent);
    if (data == null || data.length == 0) {
      return out;
    }
    try {
      handle(JSON.parseObject(data), out);
    } catch (ProxyException e) {
      ended = true;
      out.add(new StreamEvent.Failure(e.getMessage()));
    }
    return out;
  }

  private void handle(ObjectNode event, List<StreamEvent> out) {
    String type = JSON.text(event, "type", "event");
    switch (type) {
      case "message_start" -> {
        ObjectNode message = JSON.object(event, "message", "message_start");
        usage = ClaudeUsage.afterEvent(type, event, usage, JSON);
        if (!started) {
          started = true;
          out.add(
              new StreamEvent.Start(
                  JSON.optText(message, "id", "message_start.message").orElse(""),
                  JSON.optText(message, "model", "message_start.message").orElse(""),
                  context.nowEpochSeconds(),
                  usage));
        }
      }
      case "content_block_start" -> blockStart(event, out);
      case "content_block_delta" -> delta(event, out);
      case "content_block_stop" -> {
        if (JSON.optInt(event, "index", "content_block_stop").orElse(-1) == openUpstream) {
          closeOpen(out);
        }
      }
      case "message_delta" -> {
        JSON.optObject(event, "delta", "message_delta")
            .flatMap(d -> JSON.optText(d, "stop_reason", "message_delta.delta"))
            .ifPresent(r -> stopReason = StopReasons.fromClaude(r));
        usage = ClaudeUsage.afterEvent(type, event, usage, JSON);
      }
      case "message_stop" -> finish(out);
      case "error" -> {
        JsonNode error = event.path("error");
        ended = true;
        out.add(
            new StreamEvent.Failure(
                "Claude upstream error: "
                    + error.path("type").asText("error")
                    + ": "
                    + error.path("message").asText("")));
      }
      default -> {
        // ping and event types added later carry nothing the canonical stream needs.
      }
    }
  }

  private void blockStart(ObjectNode event, List<StreamEvent> out) {
    String path = "content_block_start";
    int upstreamIndex = JSON.optInt(event, "index", path).orElse(-1);
    ObjectNode block = JSON.object(event, "content_block", path);
    String blockPath = path + ".content_block";
    String type = JSON.text(block, "type", blockPath);
    StreamEvent.Block canonical =
        switch (type) {
          case "text" -> new StreamEvent.Block.Text();
          case "thinking" -> new StreamEvent.Block.Thinking();
          case "redacted_thinking" ->
              new StreamEvent.Block.RedactedThinking(
                  new Signature(Dialect.CLAUDE, JSON.text(block, "data", blockPath)));
          case "tool_use" ->
              new StreamEvent.Block.ToolCall(
                  JSON.text(block, "id", blockPath), JSON.text(block, "name", blockPath));
          default -> null; // server tool blocks: dropped, see ClaudeBlockReader
        };
    if (canonical == null) {
      return;
    }
    ensureStarted(out);
    closeOpen(out);
    open = nextIndex++;
    openUpstream = upstreamIndex;
    out.add(new StreamEvent.BlockStart(open, canonical));
    // Claude starts blocks empty, but a block that arrives with content keeps it.
    switch (type) {
      case "text" ->
          JSON.optText(block, "text", blockPath)
              .filter(s -> !s.isEmpty())
              .ifPresent(s -> out.add(new StreamEvent.TextDelta(open, s)));
      case "thinking" -> {
        JSON.optText(block, "thinking", blockPath)
            .filter(s -> !s.isEmpty())
            .ifPresent(s -> out.add(new StreamEvent.ThinkingDelta(open, s)));
        signature(JSON.optText(block, "signature", blockPath).orElse(""), out);
      }
      case "tool_use" -> {
        JsonNode input = block.get("input");
        if (input != null && input.isObject() && !input.isEmpty()) {
          out.add(new StreamEvent.ToolArgumentsDelta(open, ClaudeJson.text(input)));
        }
      }
      default -> {}
    }
  }

  private void delta(ObjectNode event, List<StreamEvent> out) {
    String path = "content_block_delta";
    if (open < 0 || JSON.optInt(event, "index", path).orElse(-1) != openUpstream) {
      return; // a delta for a dropped block
    }
    ObjectNode delta = JSON.object(event, "delta", path);
    String deltaPath = path + ".delta";
    switch (JSON.text(delta, "type", deltaPath)) {
      case "text_delta" -> {
        String text = JSON.text(delta, "text", deltaPath);
        if (!text.isEmpty()) {
          out.add(new StreamEvent.TextDelta(open, text));
        }
      }
      case "thinking_delta" -> {
        String text = JSON.text(delta, "thinking", deltaPath);
        if (!text.isEmpty()) {
          out.add(new StreamEvent.ThinkingDelta(open, text));
        }
      }
      case "signature_delta" -> signature(JSON.text(delta, "signature", deltaPath), out);
      case "input_json_delta" -> {
        String fragment = JSON.text(delta, "partial_json", deltaPath);
        if (!fragment.isEmpty()) {
          out.add(new StreamEvent.ToolArgumentsDelta(open, fragment));
        }
      }
      default -> {
        // citations_delta and later kinds: nothing canonical to say.
      }
    }
  }

  private void signature(String value, List<StreamEvent> out) {
    if (!value.isEmpty()) {
      out.add(new StreamEvent.SignatureDelta(open, Signature.read(Dialect.CLAUDE, value)));
    }
  }

  private void ensureStarted(List<StreamEvent> out) {
    if (!started) {
      started = true;
      out.add(new StreamEvent.Start("", "", context.nowEpochSeconds(), usage));
    }
  }

  private void closeOpen(List<StreamEvent> out) {
    if (open >= 0) {
      out.add(new StreamEvent.BlockStop(open));
      open = -1;
      openUpstream = -1;
    }
  }

  private void finish(List<StreamEvent> out) {
    ensureStarted(out);
    closeOpen(out);
    ended = true;
    out.add(new StreamEvent.Finish(stopReason == null ? StopReason.END_TURN : stopReason, usage));
  }

  /**
   * Without {@code message_stop} the answer is still whole if {@code message_delta} brought its
   * stop reason (Claude Code accepts such streams too); otherwise it was cut off.
   */
  @Override
  public List<StreamEvent> onEnd() {
    List<StreamEvent> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    if (stopReason != null) {
      finish(out);
      return out;
    }
    closeOpen(out);
    ended = true;
    out.add(new StreamEvent.Failure("the Claude upstream stream ended before message_stop"));
    return out;
  }
}
