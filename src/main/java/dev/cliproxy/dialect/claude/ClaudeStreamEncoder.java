package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes canonical stream events as the named Claude SSE events the Anthropic SDKs and Claude Code
 * build their messages from: {@code message_start} first, every block started and stopped with
 * contiguous indexes, then {@code message_delta} and {@code message_stop}, and nothing after.
 */
final class ClaudeStreamEncoder implements StreamEncoder {
  private final ChatRequest request;
  private final ClaudeBlockWriter writer;
  private boolean started;
  private boolean ended;

  /** The wire index of the open block, or -1; -1 also while a skipped block is open. */
  private int open = -1;

  private int nextIndex;

  /**
   * A thinking block not yet written: it is started on its first text or on a signature the client
   * can keep (Claude's, or a Responses upstream's carried one), and left out if it has neither
   * (Gemini's signature on a text part), so the client never sees an empty thinking block.
   */
  private boolean pendingThinking;

  ClaudeStreamEncoder(ChatRequest request, CodecContext context) {
    this.request = request;
    this.writer = ClaudeBlockWriter.forClient(context);
  }

  @Override
  public List<byte[]> encode(StreamEvent event) {
    List<byte[]> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    switch (event) {
      case StreamEvent.Start s -> start(s.id(), s.model(), s.usage(), out);
      case StreamEvent.BlockStart b -> blockStart(b.block(), out);
      case StreamEvent.TextDelta d -> delta(delta("text_delta").put("text", d.text()), out);
      case StreamEvent.ThinkingDelta d -> {
        startPendingThinking(out);
        delta(delta("thinking_delta").put("thinking", d.text()), out);
      }
      case StreamEvent.SignatureDelta d ->
          writer
              .signature(Optional.of(d.signature()))
              .ifPresent(s -> {
                startPendingThinking(out);
                delta(delta("signature_delta").put("signature", s), out);
              });
      case StreamEvent.ToolArgumentsDelta d ->
          delta(delta("input_json_delta").put("partial_json", d.fragment()), out);
      case StreamEvent.BlockStop b -> closeOpen(out);
      case StreamEvent.Finish f -> finish(f.stopReason(), f.usage(), out);
      case StreamEvent.Failure f -> {
        ended = true;
        out.add(ClaudeErrors.streamEvent(f.message()));
      }
    }
    return out;
  }

  private void start(String id, String model, Usage usage, List<byte[]> out) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode message = ClaudeJson.MAPPER.createObjectNode();
    message.put("id", writer.idOr(id, "msg_"));
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model.isEmpty() ? request.model() : model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", ClaudeUsage.write(usage));
    ObjectNode root = event("message_start");
    root.set("message", message);
    out.add(named(root));
  }

  private void blockStart(StreamEvent.Block block, List<byte[]> out) {
    start("", "", Usage.NONE, out);
    closeOpen(out);
    ObjectNode content = ClaudeJson.MAPPER.createObjectNode();
    switch (block) {
      case StreamEvent.Block.Text t -> content.put("type", "text").put("text", "");
      case StreamEvent.Block.Thinking t -> {
        pendingThinking = true;
        return;
      }
      case StreamEvent.Block.RedactedThinking r -> {
        Optional<String> data = ClaudeBlockWriter.redactedData(r.data());
        if (data.isEmpty()) {
          return; // another provider's encrypted reasoning: the whole block is left out
        }
        content.put("type", "redacted_thinking").put("data", data.get());
      }
      case StreamEvent.Block.ToolCall c -> {
        content.put("type", "tool_use").put("id", writer.idOr(c.id(), "toolu_"));
        content.put("name", c.name()).putObject("input");
      }
    }
    writeStart(content, out);
  }

  private void startPendingThinking(List<byte[]> out) {
    if (pendingThinking) {
      pendingThinking = false;
      writeStart(
          ClaudeJson.MAPPER
              .createObjectNode()
              .put("type", "thinking")
              .put("thinking", "")
              .put("signature", ""),
          out);
    }
  }

  private void writeStart(ObjectNode content, List<byte[]> out) {
    open = nextIndex++;
    ObjectNode root = event("content_block_start").put("index", open);
    root.set("content_block", content);
    out.add(named(root));
  }

  private static ObjectNode delta(String type) {
    return ClaudeJson.MAPPER.createObjectNode().put("type", type);
  }

  /** A delta for the open block; dropped when the open block was left out. */
  private void delta(ObjectNode delta, List<byte[]> out) {
    if (open < 0) {
      return;
    }
    ObjectNode root = event("content_block_delta").put("index", open);
    root.set("delta", delta);
    out.add(named(root));
  }

  private void closeOpen(List<byte[]> out) {
    pendingThinking = false;
    if (open >= 0) {
      out.add(named(event("content_block_stop").put("index", open)));
      open = -1;
    }
  }

  private void finish(StopReason reason, Usage usage, List<byte[]> out) {
    start("", "", Usage.NONE, out);
    closeOpen(out);
    ObjectNode root = event("message_delta");
    root.putObject("delta")
        .put("stop_reason", StopReasons.toClaude(reason))
        .putNull("stop_sequence");
    root.set("usage", ClaudeUsage.write(usage));
    out.add(named(root));
    out.add(named(event("message_stop")));
    ended = true;
  }

  private static ObjectNode event(String type) {
    return ClaudeJson.MAPPER.createObjectNode().put("type", type);
  }

  private static byte[] named(ObjectNode event) {
    return SseData.namedEvent(event.get("type").textValue(), ClaudeJson.bytes(event));
  }
}
