package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns canonical stream events into {@code chat.completion.chunk} events: the same id, created and
 * model on every chunk, tool calls numbered from 0 with id and name on their first fragment, one
 * {@code finish_reason}, a usage chunk when usage is known, then {@code [DONE]}.
 */
final class OpenAiStreamEncoder implements StreamEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final byte[] DONE = SseData.event("[DONE]".getBytes(StandardCharsets.US_ASCII));

  private final ChatRequest request;
  private final CodecContext context;
  private String id;
  private long created;
  private String model;
  private int nextToolIndex;
  private int toolIndex = -1;
  private boolean ended;

  OpenAiStreamEncoder(ChatRequest request, CodecContext context) {
    this.request = request;
    this.context = context;
  }

  @Override
  public List<byte[]> encode(StreamEvent event) {
    if (ended) {
      return List.of();
    }
    if (id == null && !(event instanceof StreamEvent.Start)) {
      start(
          new StreamEvent.Start("", "", 0, Usage.NONE)); // an encoder must not crash on a bad feed
    }
    return switch (event) {
      case StreamEvent.Start start -> List.of(start(start));
      case StreamEvent.BlockStart(int index, StreamEvent.Block.ToolCall call) -> {
        toolIndex = nextToolIndex++;
        ObjectNode delta = NODES.objectNode();
        ObjectNode fragment =
            delta.putArray("tool_calls").addObject().put("index", toolIndex).put("id", call.id());
        fragment.put("type", "function");
        fragment.putObject("function").put("name", call.name()).put("arguments", "");
        yield List.of(chunk(delta, null));
      }
      case StreamEvent.BlockStart ignored -> List.of();
      case StreamEvent.TextDelta text ->
          List.of(chunk(NODES.objectNode().put("content", text.text()), null));
      case StreamEvent.ThinkingDelta thinking ->
          List.of(chunk(NODES.objectNode().put("reasoning_content", thinking.text()), null));
      case StreamEvent.ToolArgumentsDelta args -> {
        ObjectNode delta = NODES.objectNode();
        delta
            .putArray("tool_calls")
            .addObject()
            .put("index", Math.max(toolIndex, 0))
            .putObject("function")
            .put("arguments", args.fragment());
        yield List.of(chunk(delta, null));
      }
      case StreamEvent.SignatureDelta ignored -> List.of(); // chat has no field for signatures
      case StreamEvent.BlockStop ignored -> List.of();
      case StreamEvent.Finish finish -> finish(finish);
      case StreamEvent.Failure failure -> {
        ended = true;
        yield List.of(
            OpenAiErrors.streamEvent(
                new ProxyError(
                    502, ProxyError.Kind.UPSTREAM, "upstream_error", failure.message(), null)));
      }
    };
  }

  private byte[] start(StreamEvent.Start start) {
    id = AnswerHeader.id(start.id(), context);
    created = AnswerHeader.created(start.created(), context);
    model = AnswerHeader.model(start.model(), request);
    return chunk(NODES.objectNode().put("role", "assistant").put("content", ""), null);
  }

  private List<byte[]> finish(StreamEvent.Finish finish) {
    ended = true;
    byte[] last = chunk(NODES.objectNode(), StopReasons.toOpenAi(finish.stopReason()));
    if (finish.usage().equals(Usage.NONE)) {
      return List.of(last, DONE);
    }
    ObjectNode usageChunk = header();
    usageChunk.putArray("choices");
    OpenAiUsage.encode(finish.usage(), usageChunk.putObject("usage"));
    return List.of(last, event(usageChunk), DONE);
  }

  private byte[] chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = header();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    return event(chunk);
  }

  private ObjectNode header() {
    return NODES
        .objectNode()
        .put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model);
  }

  private static byte[] event(ObjectNode chunk) {
    try {
      return SseData.event(RequestFields.JSON.writeValueAsBytes(chunk));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
