package dev.cliproxy.dialect.gemini;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a Gemini {@code streamGenerateContent?alt=sse} stream into canonical events. Consecutive
 * text or thought parts continue one block; each function call is a whole block of its own; the
 * chunk with {@code finishReason} finishes. Gemini has no end marker, but it always sends a
 * finishReason, so a stream that ends without one was cut off and ends in a Failure (Gemini CLI
 * likewise treats it as an error and retries).
 */
final class GeminiStreamDecoder implements StreamDecoder {
  private enum Open {
    NONE,
    TEXT,
    THINKING
  }

  private final CodecContext context;
  private boolean started;
  private boolean ended;
  private boolean sawToolCall;
  private int nextIndex;
  private Open open = Open.NONE;
  private boolean openSigned;
  private Usage usage = Usage.NONE;

  GeminiStreamDecoder(CodecContext context) {
    this.context = context;
  }

  @Override
  public List<StreamEvent> onEvent(byte[] sseEvent) {
    if (ended) {
      return List.of();
    }
    byte[] data = SseData.of(sseEvent);
    if (data == null
        || SseData.isDone(data)
        || new String(data, StandardCharsets.UTF_8).isBlank()) {
      return List.of();
    }
    List<StreamEvent> out = new ArrayList<>();
    try {
      chunk(GeminiNode.answer(data), out);
    } catch (ProxyException e) {
      ended = true;
      out.add(new StreamEvent.Failure(e.error().message()));
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
    close(out);
    out.add(
        new StreamEvent.Failure(
            started
                ? "the Gemini stream ended without a finishReason"
                : "the Gemini stream ended before it answered"));
    return out;
  }

  private void chunk(GeminiNode chunk, List<StreamEvent> out) {
    GeminiResponseDecoder.failIfError(chunk);
    if (chunk.has("usageMetadata")) {
      usage = GeminiResponseDecoder.usage(chunk);
    }
    if (!started) {
      started = true;
      String id = chunk.string("responseId").orElseGet(context.randomSuffix());
      long created = GeminiResponseDecoder.createTime(chunk);
      out.add(
          new StreamEvent.Start(
              id,
              chunk.string("modelVersion").orElse(""),
              created > 0 ? created : context.nowEpochSeconds(),
              usage));
    }
    Optional<GeminiNode> candidate = chunk.objects("candidates").stream().findFirst();
    if (candidate.isEmpty()) {
      if (chunk.object("promptFeedback").flatMap(f -> f.string("blockReason")).isPresent()) {
        finish(StopReason.CONTENT_FILTER, out);
      }
      return;
    }
    Optional<GeminiNode> content = candidate.get().object("content");
    if (content.isPresent()) {
      for (GeminiNode part : content.get().objects("parts")) {
        part(part, out);
      }
    }
    Optional<String> finishReason = candidate.get().string("finishReason");
    if (finishReason.isPresent()) {
      finish(StopReasons.fromGemini(finishReason.get(), sawToolCall), out);
    }
  }

  private void part(GeminiNode part, List<StreamEvent> out) {
    Optional<Signature> signature = part.string("thoughtSignature").map(GeminiSignatures::read);
    Optional<GeminiNode> call = part.object("functionCall");
    if (call.isPresent()) {
      toolCall(call.get(), signature, out);
      return;
    }
    String text = part.string("text").orElse("");
    if (part.bool("thought")) {
      if (open != Open.THINKING || (openSigned && !text.isEmpty())) {
        openBlock(Open.THINKING, out);
      }
      if (!text.isEmpty()) {
        out.add(new StreamEvent.ThinkingDelta(nextIndex - 1, text));
      }
      signature.ifPresent(s -> sign(s, out));
      return;
    }
    // A signature on a text part belongs to the reasoning before it, shown or not.
    signature.ifPresent(s -> sign(s, out));
    if (!text.isEmpty()) {
      if (open != Open.TEXT) {
        openBlock(Open.TEXT, out);
      }
      out.add(new StreamEvent.TextDelta(nextIndex - 1, text));
    }
    // Inline data and code execution parts have no stream block: dropped.
  }

  private void sign(Signature signature, List<StreamEvent> out) {
    if (open != Open.THINKING || openSigned) {
      openBlock(Open.THINKING, out);
    }
    out.add(new StreamEvent.SignatureDelta(nextIndex - 1, signature));
    openSigned = true;
  }

  private void toolCall(GeminiNode call, Optional<Signature> signature, List<StreamEvent> out) {
    close(out);
    String name = call.string("name").orElseThrow(() -> call.fail("name", "is required"));
    String id =
        call.string("id")
            .filter(s -> !s.isEmpty())
            .orElseGet(() -> "call_" + context.randomSuffix().get());
    var args = call.field("args");
    if (args != null && !args.isObject()) {
      throw call.fail("args", "must be an object");
    }
    int index = nextIndex++;
    out.add(new StreamEvent.BlockStart(index, new Block.ToolCall(id, name)));
    signature.ifPresent(s -> out.add(new StreamEvent.SignatureDelta(index, s)));
    out.add(new StreamEvent.ToolArgumentsDelta(index, args == null ? "{}" : args.toString()));
    out.add(new StreamEvent.BlockStop(index));
    sawToolCall = true;
  }

  private void openBlock(Open kind, List<StreamEvent> out) {
    close(out);
    out.add(
        new StreamEvent.BlockStart(
            nextIndex++, kind == Open.TEXT ? new Block.Text() : new Block.Thinking()));
    open = kind;
    openSigned = false;
  }

  private void close(List<StreamEvent> out) {
    if (open != Open.NONE) {
      out.add(new StreamEvent.BlockStop(nextIndex - 1));
      open = Open.NONE;
      openSigned = false;
    }
  }

  private void finish(StopReason reason, List<StreamEvent> out) {
    close(out);
    out.add(new StreamEvent.Finish(reason, usage));
    ended = true;
  }
}
