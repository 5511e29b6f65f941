package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.StreamEvent.BlockStart;
import dev.cliproxy.dialect.model.StreamEvent.BlockStop;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamTest {
  private final GeminiCodec codec = new GeminiCodec();

  static List<StreamEvent> decode(StreamDecoder decoder, String sse) {
    List<StreamEvent> out = new ArrayList<>();
    for (byte[] e : Goldens.sseEvents(sse)) {
      out.addAll(decoder.onEvent(e));
    }
    out.addAll(decoder.onEnd());
    return out;
  }

  static String encode(StreamEncoder encoder, List<StreamEvent> events) {
    StringBuilder out = new StringBuilder();
    for (StreamEvent e : events) {
      encoder.encode(e).forEach(b -> out.append(new String(b, StandardCharsets.UTF_8)));
    }
    return out.toString();
  }

  private static Signature gemini(String v) {
    return new Signature(Dialect.GEMINI, v);
  }

  private static final List<StreamEvent> THINKING_AND_TOOLS =
      List.of(
          new StreamEvent.Start(
              "R1", "gemini-3-pro-preview", 1748772000L, new Usage(50, 0, 0, 0, 0)),
          new BlockStart(0, new Block.Thinking()),
          new StreamEvent.ThinkingDelta(0, "**Planning** I need"),
          new StreamEvent.ThinkingDelta(0, " the weather."),
          new StreamEvent.SignatureDelta(0, gemini("U0lHMQ==")),
          new BlockStop(0),
          new BlockStart(1, new Block.Thinking()),
          new StreamEvent.SignatureDelta(1, gemini("U0lHMg==")),
          new BlockStop(1),
          new BlockStart(2, new Block.Text()),
          new StreamEvent.TextDelta(2, "Checking both."),
          new BlockStop(2),
          new BlockStart(3, new Block.ToolCall("call_r0", "get_weather")),
          new StreamEvent.SignatureDelta(3, gemini("U0lHMw==")),
          new StreamEvent.ToolArgumentsDelta(3, "{\"city\":\"Paris\"}"),
          new BlockStop(3),
          new BlockStart(4, new Block.ToolCall("call_r1", "get_weather")),
          new StreamEvent.ToolArgumentsDelta(4, "{\"city\":\"Rome\"}"),
          new BlockStop(4),
          new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(20, 30, 0, 30, 10)));

  @Test
  void thoughtsSignaturesAndParallelCallsDecodeIntoBlocks() {
    List<StreamEvent> events =
        decode(
            codec.streamDecoder(FixedContext.withIds("r", 0)),
            Goldens.text("gemini/stream-thinking-tools.sse"));

    assertThat(events).containsExactlyElementsOf(THINKING_AND_TOOLS);
  }

  @Test
  void aGeminiStreamReEncodesWithItsSignatures() {
    String out =
        encode(
            codec.streamEncoder(request("gemini-3-pro-preview"), FixedContext.create()),
            THINKING_AND_TOOLS);

    assertThat(out).isEqualTo(Goldens.text("gemini/stream-thinking-tools.reencoded.sse"));
  }

  @Test
  void aClaudeStreamEncodesForGeminiClientsWithItsSignatureWrapped() {
    List<StreamEvent> events =
        List.of(
            new StreamEvent.Start(
                "msg_1", "claude-sonnet-4-5", 1700000000L, new Usage(10, 0, 0, 0, 0)),
            new BlockStart(0, new Block.Thinking()),
            new StreamEvent.ThinkingDelta(0, "Hmm."),
            new StreamEvent.SignatureDelta(0, new Signature(Dialect.CLAUDE, "abc")),
            new BlockStop(0),
            new BlockStart(1, new Block.Text()),
            new StreamEvent.TextDelta(1, "Hello"),
            new StreamEvent.TextDelta(1, " world"),
            new BlockStop(1),
            new BlockStart(2, new Block.ToolCall("toolu_1", "get_weather")),
            new StreamEvent.ToolArgumentsDelta(2, "{\"city\":"),
            new StreamEvent.ToolArgumentsDelta(2, "\"Paris\"}"),
            new BlockStop(2),
            new BlockStart(3, new Block.ToolCall("toolu_2", "get_time")),
            new BlockStop(3),
            new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(10, 5, 0, 25, 8)));

    String out = encode(codec.streamEncoder(request("claude-x"), FixedContext.create()), events);

    assertThat(out).isEqualTo(Goldens.text("gemini/stream-from-claude.sse"));
  }

  @Test
  void aFailureBecomesAGeminiErrorChunkAndNothingFollows() {
    StreamEncoder encoder = codec.streamEncoder(request("m"), FixedContext.create());
    String out =
        encode(
            encoder,
            List.of(
                new StreamEvent.Start("i", "m", 1, Usage.NONE),
                new StreamEvent.Failure("upstream reset"),
                new StreamEvent.Finish(StopReason.END_TURN, Usage.NONE)));

    assertThat(out)
        .isEqualTo(
            "data: {\"error\":{\"code\":502,\"message\":\"upstream reset\",\"status\":\"UNAVAILABLE\"}}\n\n");
  }

  @Test
  void anErrorChunkOrAnUnreadableChunkMidStreamIsAFailure() {
    List<StreamEvent> events =
        decode(
            codec.streamDecoder(FixedContext.create()),
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"responseId\":\"x\"}\n\n"
                + "data: {\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}\n\n"
                + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}\n\n");

    assertThat(events).hasSize(4);
    assertThat(events.get(3)).isInstanceOf(StreamEvent.Failure.class);
    assertThat(((StreamEvent.Failure) events.get(3)).message()).contains("overloaded");

    List<StreamEvent> garbled =
        decode(codec.streamDecoder(FixedContext.create()), "data: {\"candidates\":[{\"content\n\n");
    assertThat(garbled).singleElement().isInstanceOf(StreamEvent.Failure.class);
  }

  @Test
  void theLastChunkCarriesTheFinishReasonForEveryStopReason() throws Exception {
    for (StopReason reason : StopReason.values()) {
      String out =
          encode(
              codec.streamEncoder(request("gemini-3-flash"), FixedContext.create()),
              List.of(
                  new StreamEvent.Start("r", "gemini-3-flash", 1, Usage.NONE),
                  new BlockStart(0, new Block.ToolCall("c1", "read_file")),
                  new StreamEvent.ToolArgumentsDelta(0, "{\"path\":\"a\"}"),
                  new BlockStop(0),
                  new StreamEvent.Finish(reason, new Usage(5, 0, 0, 4, 1))));
      List<byte[]> events = Goldens.sseEvents(out);
      String last = new String(events.getLast(), StandardCharsets.UTF_8);
      var chunk = new ObjectMapper().readTree(last.substring(last.indexOf('{')));
      assertThat(chunk.path("candidates").get(0).path("finishReason").asText())
          .as(reason.name())
          .isNotEmpty();
      assertThat(chunk.path("usageMetadata").path("candidatesTokenCount").asLong()).isEqualTo(3);
      assertThat(chunk.path("usageMetadata").path("thoughtsTokenCount").asLong()).isEqualTo(1);
      assertThat(chunk.path("usageMetadata").path("totalTokenCount").asLong()).isEqualTo(9);
    }
  }

  @Test
  void anEmptyStreamFails() {
    assertThat(decode(codec.streamDecoder(FixedContext.create()), ""))
        .containsExactly(new StreamEvent.Failure("the Gemini stream ended before it answered"));
  }

  static dev.cliproxy.dialect.model.ChatRequest request(String model) {
    return new GeminiCodec().decodeRequest("{}".getBytes(), model, true);
  }
}
