package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.sse.SseData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns canonical events into Gemini {@code alt=sse} chunks for a client: text and thoughts as they
 * come, each tool call whole once its arguments are complete, and a last chunk that always carries
 * {@code finishReason} and {@code usageMetadata} (Gemini CLI retries a stream without them).
 */
final class GeminiStreamEncoder implements StreamEncoder {
  private final GeminiPartWriter writer =
      new GeminiPartWriter(GeminiPartWriter.Audience.CLIENT, Map.of());
  private String id = "";
  private String model = "";
  private boolean thinkingHadText;
  private String callId;
  private String callName;
  private Optional<Signature> callSignature = Optional.empty();
  private final StringBuilder callArguments = new StringBuilder();
  private boolean done;

  GeminiStreamEncoder(String requestModel) {
    this.model = requestModel;
  }

  @Override
  public List<byte[]> encode(StreamEvent event) {
    if (done) {
      return List.of();
    }
    return switch (event) {
      case StreamEvent.Start s -> {
        id = s.id();
        model = s.model().isEmpty() ? model : s.model();
        yield List.of();
      }
      case StreamEvent.BlockStart b -> {
        start(b.block());
        yield List.of();
      }
      case StreamEvent.TextDelta t ->
          t.text().isEmpty() ? List.of() : chunk(part().put("text", t.text()));
      case StreamEvent.ThinkingDelta t -> {
        if (t.text().isEmpty()) {
          yield List.of();
        }
        thinkingHadText = true;
        yield chunk(part().put("text", t.text()).put("thought", true));
      }
      case StreamEvent.SignatureDelta s -> signature(s.signature());
      case StreamEvent.ToolArgumentsDelta a -> {
        callArguments.append(a.fragment());
        yield List.of();
      }
      case StreamEvent.BlockStop b -> stop();
      case StreamEvent.Finish f -> {
        done = true;
        ObjectNode root = GeminiNode.JSON.createObjectNode();
        candidate(root, part().put("text", ""))
            .put("finishReason", StopReasons.toGemini(f.stopReason()))
            .put("index", 0);
        root.set("usageMetadata", GeminiUsage.write(f.usage()));
        GeminiResponseEncoder.stamp(root, model, id, 0);
        yield List.of(SseData.event(GeminiNode.bytes(root)));
      }
      case StreamEvent.Failure f -> {
        done = true;
        yield List.of(
            SseData.event(
                GeminiNode.bytes(GeminiErrors.object(502, ProxyError.Kind.UPSTREAM, f.message()))));
      }
    };
  }

  private void start(Block block) {
    switch (block) {
      case Block.Thinking t -> thinkingHadText = false;
      case Block.ToolCall c -> {
        callId = c.id();
        callName = c.name();
        callSignature = Optional.empty();
        callArguments.setLength(0);
      }
      case Block.Text t -> {}
      case Block.RedactedThinking r -> {}
    }
  }

  private List<byte[]> signature(Signature signature) {
    if (callName != null) {
      callSignature = Optional.of(signature);
      return List.of();
    }
    Optional<String> value = GeminiSignatures.forClient(Optional.of(signature));
    if (value.isEmpty()) {
      return List.of();
    }
    ObjectNode part = part().put("text", "");
    if (thinkingHadText) {
      part.put("thought", true);
    }
    return chunk(part.put("thoughtSignature", value.get()));
  }

  private List<byte[]> stop() {
    if (callName == null) {
      return List.of();
    }
    Part.ToolCall call =
        new Part.ToolCall(callId, callName, callArguments.toString(), callSignature);
    callName = null;
    return chunk(writer.functionCall(call));
  }

  private static ObjectNode part() {
    return GeminiNode.JSON.createObjectNode();
  }

  /** The one candidate of a chunk, holding one part; the caller adds what follows it. */
  private static ObjectNode candidate(ObjectNode root, ObjectNode part) {
    ObjectNode candidate = root.putArray("candidates").addObject();
    ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
    parts.add(part);
    return candidate;
  }

  private List<byte[]> chunk(ObjectNode part) {
    ObjectNode root = GeminiNode.JSON.createObjectNode();
    candidate(root, part).put("index", 0);
    GeminiResponseEncoder.stamp(root, model, id, 0);
    return List.of(SseData.event(GeminiNode.bytes(root)));
  }
}
