package dev.cliproxy.dialect.openai;

import static dev.cliproxy.dialect.openai.OpenAiResponseDecoder.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an upstream's {@code chat.completion.chunk} stream into canonical events. Chat streams
 * interleave nothing in practice, so each change of kind (reasoning, text, another tool index)
 * closes the open block and opens the next; only choice 0 is read.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
  private final CodecContext context;
  private final Set<Integer> closedToolIndexes = new HashSet<>();
  private boolean started;
  private boolean ended;
  private int nextBlock;
  private OpenBlock open;
  private String finishReason;
  private boolean sawToolCall;
  private Usage usage = Usage.NONE;

  /** The block being streamed: its canonical index, its kind, and the upstream tool index. */
  private record OpenBlock(int index, Kind kind, int toolIndex) {}

  private enum Kind {
    TEXT,
    THINKING,
    TOOL
  }

  OpenAiStreamDecoder(CodecContext context) {
    this.context = context;
  }

  @Override
  public List<StreamEvent> onEvent(byte[] sseEvent) {
    List<StreamEvent> out = new ArrayList<>();
    byte[] data = SseData.of(sseEvent);
    if (ended || data == null || data.length == 0) {
      return out;
    }
    if (SseData.isDone(data)) {
      finish(out);
      return out;
    }
    JsonNode chunk;
    try {
      chunk = RequestFields.JSON.readTree(data);
    } catch (IOException e) {
      fail("The upstream sent a stream event that is not valid JSON.", out);
      return out;
    }
    if (chunk == null || !chunk.isObject()) {
      fail("The upstream sent a stream event that is not a JSON object.", out);
      return out;
    }
    if (chunk.hasNonNull("error")) {
      JsonNode error = chunk.path("error");
      fail(text(error, "message").orElse("The upstream reported an error: " + error), out);
      return out;
    }
    if (!started) {
      started = true;
      out.add(
          new StreamEvent.Start(
              chunk.path("id").asText(""),
              chunk.path("model").asText(""),
              chunk.path("created").asLong(0),
              Usage.NONE));
    }
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isObject()) {
      delta(choice.path("delta"), out);
      text(choice, "finish_reason").ifPresent(r -> finishReason = r);
    }
    OpenAiUsage.of(chunk).ifPresent(u -> usage = u);
    return out;
  }

  private void delta(JsonNode delta, List<StreamEvent> out) {
    OpenAiResponseDecoder.reasoningText(delta)
        .ifPresent(t -> out.add(new StreamEvent.ThinkingDelta(ensure(Kind.THINKING, out), t)));
    text(delta, "content")
        .ifPresent(t -> out.add(new StreamEvent.TextDelta(ensure(Kind.TEXT, out), t)));
    JsonNode calls = delta.path("tool_calls");
    for (int i = 0; i < calls.size() && !ended; i++) {
      toolCall(calls.get(i), i, out);
    }
  }

  private void toolCall(JsonNode call, int position, List<StreamEvent> out) {
    int toolIndex = call.path("index").isInt() ? call.path("index").intValue() : position;
    boolean continuing = open != null && open.kind == Kind.TOOL && open.toolIndex == toolIndex;
    if (!continuing) {
      if (closedToolIndexes.contains(toolIndex)) {
        fail(
            "The upstream resumed tool call "
                + toolIndex
                + " after starting another block; the proxy cannot stream that.",
            out);
        return;
      }
      close(out);
      sawToolCall = true;
      JsonNode function = call.path("function");
      String id = text(call, "id").orElseGet(() -> "call_" + context.randomSuffix().get());
      open = new OpenBlock(nextBlock++, Kind.TOOL, toolIndex);
      out.add(
          new StreamEvent.BlockStart(
              open.index, new Block.ToolCall(id, function.path("name").asText(""))));
    }
    text(call.path("function"), "arguments")
        .ifPresent(a -> out.add(new StreamEvent.ToolArgumentsDelta(open.index, a)));
  }

  /** The index of an open block of this kind, opening one (and closing another) if needed. */
  private int ensure(Kind kind, List<StreamEvent> out) {
    if (open != null && open.kind == kind) {
      return open.index;
    }
    close(out);
    open = new OpenBlock(nextBlock++, kind, -1);
    out.add(
        new StreamEvent.BlockStart(
            open.index, kind == Kind.TEXT ? new Block.Text() : new Block.Thinking()));
    return open.index;
  }

  private void close(List<StreamEvent> out) {
    if (open != null) {
      if (open.kind == Kind.TOOL) {
        closedToolIndexes.add(open.toolIndex);
      }
      out.add(new StreamEvent.BlockStop(open.index));
      open = null;
    }
  }

  private void finish(List<StreamEvent> out) {
    if (!started) {
      out.add(new StreamEvent.Start("", "", 0, Usage.NONE));
      started = true;
    }
    close(out);
    StopReason reason = OpenAiResponseDecoder.stopReason(finishReason, sawToolCall);
    if (finishReason == null) {
      reason = sawToolCall ? StopReason.TOOL_USE : StopReason.END_TURN;
    }
    out.add(new StreamEvent.Finish(reason, usage));
    ended = true;
  }

  private void fail(String message, List<StreamEvent> out) {
    close(out);
    out.add(new StreamEvent.Failure(message));
    ended = true;
  }

  /**
   * Without {@code [DONE]} the answer is whole only if a {@code finish_reason} came (some
   * compatible upstreams omit the marker); otherwise it broke off.
   */
  @Override
  public List<StreamEvent> onEnd() {
    List<StreamEvent> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    if (finishReason != null) {
      finish(out);
    } else {
      fail("The upstream stream ended before the answer was complete.", out);
    }
    return out;
  }
}
