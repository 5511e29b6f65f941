package dev.cliproxy.dialect.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.ChatRequest;
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

class ClaudeStreamTest {
  private static final long NOW = FixedContext.NOW;
  private final ClaudeCodec codec = new ClaudeCodec();
  private final ChatRequest request =
      codec.decodeRequest(
          "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
              .getBytes(StandardCharsets.UTF_8));

  private List<StreamEvent> decode(String sse) {
    StreamDecoder decoder = codec.streamDecoder(FixedContext.create());
    List<StreamEvent> events = new ArrayList<>();
    for (byte[] e : Goldens.sseEvents(sse)) {
      events.addAll(decoder.onEvent(e));
    }
    events.addAll(decoder.onEnd());
    return events;
  }

  private String encode(List<StreamEvent> events) {
    StreamEncoder encoder = codec.streamEncoder(request, FixedContext.create());
    StringBuilder out = new StringBuilder();
    for (StreamEvent e : events) {
      for (byte[] wire : encoder.encode(e)) {
        out.append(new String(wire, StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }

  @Test
  void claudeCodesCapturedToolStreamDecodes() {
    assertThat(
            decode(
                Goldens.text(
                    "claude/captures/claude-code__tool__01-anthropic.messages.response.sse")))
        .containsExactly(
            new StreamEvent.Start(
                "msg_fakee7835cb2a41da64525f57f90",
                "claude-opus-5-5",
                NOW,
                new Usage(12, 0, 0, 1, 0)),
            new BlockStart(0, new Block.Text()),
            new StreamEvent.TextDelta(0, "Listing files."),
            new BlockStop(0),
            new BlockStart(1, new Block.ToolCall("toolu_fake8229f6c8281c8558fae43286", "Bash")),
            new StreamEvent.ToolArgumentsDelta(
                1, "{\"command\":\"ls\",\"description\":\"List files\"}"),
            new BlockStop(1),
            new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(12, 0, 0, 3, 0)));
  }

  @Test
  void everyCapturedStreamDecodesToOneFinish() {
    for (String name :
        List.of(
            "claude-code__hi__01-anthropic.messages.response.sse",
            "claude-code__authtoken-streamjson-hi__01-anthropic.messages.response.sse",
            "claude-code__default-traffic-hi__02-anthropic.messages.response.sse",
            "claude-code__tool__02-anthropic.messages.response.sse",
            "sdk__all__09-anthropic.messages.response.sse",
            "sdk__all__10-anthropic.messages.response.sse")) {
      List<StreamEvent> events = decode(Goldens.text("claude/captures/" + name));
      assertThat(events.get(0)).as(name).isInstanceOf(StreamEvent.Start.class);
      assertThat(events.get(events.size() - 1)).as(name).isInstanceOf(StreamEvent.Finish.class);
    }
  }

  private static final List<StreamEvent> THINKING_TOOLS =
      List.of(
          new StreamEvent.Start("msg_01T", "claude-sonnet-4-5", NOW, new Usage(25, 900, 100, 1, 0)),
          new BlockStart(0, new Block.Thinking()),
          new StreamEvent.ThinkingDelta(0, "Search, "),
          new StreamEvent.ThinkingDelta(0, "then call."),
          new StreamEvent.SignatureDelta(0, new Signature(Dialect.CLAUDE, "EqQBCkgIARABGAIiQL==")),
          new BlockStop(0),
          new BlockStart(
              1, new Block.RedactedThinking(new Signature(Dialect.CLAUDE, "EmwKAhgBEgy3va3p"))),
          new BlockStop(1),
          // the server tool blocks (upstream indexes 2 and 3) are dropped and leave no gap
          new BlockStart(2, new Block.Text()),
          new StreamEvent.TextDelta(2, "Calling."),
          new BlockStop(2),
          new BlockStart(3, new Block.ToolCall("toolu_01A", "get_weather")),
          new StreamEvent.ToolArgumentsDelta(3, "{\"city\": "),
          new StreamEvent.ToolArgumentsDelta(3, "\"Paris\"}"),
          new BlockStop(3),
          // message_delta's input count replaces message_start's; cache counts stay
          new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(26, 900, 100, 120, 0)));

  @Test
  void thinkingSignaturesRedactedThinkingAndServerToolsDecode() {
    assertThat(decode(Goldens.text("claude/stream-thinking-tools.sse"))).isEqualTo(THINKING_TOOLS);
  }

  @Test
  void theEncoderWritesNamedEventsWithContiguousIndexes() {
    assertThat(encode(THINKING_TOOLS))
        .isEqualTo(Goldens.text("claude/stream-thinking-tools.encoded.sse"));
  }

  @Test
  void claudeToClaudeRoundTripsTheCapturedStreamExceptPing() {
    String captured =
        Goldens.text("claude/captures/claude-code__hi__01-anthropic.messages.response.sse");
    String withoutPing = captured.replace("event: ping\ndata: {\"type\":\"ping\"}\n\n", "");
    // The encoder always writes all four usage counts; the capture's message_delta had only output.
    String expected =
        withoutPing.replace(
            "\"usage\":{\"output_tokens\":3}",
            "\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":3}");
    assertThat(encode(decode(captured))).isEqualTo(expected);
  }

  @Test
  void foreignSignaturesAreDroppedAndMissingIdsInvented() {
    String out =
        encode(
            List.of(
                new StreamEvent.Start("", "", NOW, Usage.NONE),
                new BlockStart(0, new Block.Thinking()),
                new StreamEvent.ThinkingDelta(0, "hm"),
                new StreamEvent.SignatureDelta(0, new Signature(Dialect.GEMINI, "CiQB")),
                new BlockStop(0),
                new BlockStart(
                    1, new Block.RedactedThinking(new Signature(Dialect.OPENAI_RESPONSES, "gA"))),
                new BlockStop(1),
                new BlockStart(2, new Block.ToolCall("", "f")),
                new BlockStop(2),
                new StreamEvent.Finish(StopReason.END_TURN, Usage.NONE),
                new StreamEvent.TextDelta(3, "after the end")));
    assertThat(out)
        .isEqualTo(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_000000000000000000000001\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hm\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_000000000000000000000002\","
                + "\"name\":\"f\",\"input\":{}}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":0}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void aFailureBecomesAnErrorEventAndEndsTheStream() {
    String out =
        encode(
            List.of(
                new StreamEvent.Start("msg_1", "m", NOW, Usage.NONE),
                new BlockStart(0, new Block.Text()),
                new StreamEvent.Failure("upstream reset"),
                new StreamEvent.BlockStop(0)));
    assertThat(out)
        .endsWith(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"upstream reset\"}}\n\n");
  }

  @Test
  void anUpstreamErrorEventIsAFailure() {
    String sse =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}\n\n"
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    assertThat(decode(sse))
        .containsExactly(
            new StreamEvent.Start("msg_1", "m", NOW, Usage.NONE),
            new StreamEvent.Failure("Claude upstream error: overloaded_error: Overloaded"));
  }

  @Test
  void aStreamCutBeforeItsStopReasonIsAFailureAfterClosingTheBlock() {
    String sse =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n";
    assertThat(decode(sse))
        .containsExactly(
            new StreamEvent.Start("msg_1", "m", NOW, Usage.NONE),
            new BlockStart(0, new Block.Text()),
            new StreamEvent.TextDelta(0, "Hel"),
            new BlockStop(0),
            new StreamEvent.Failure("the Claude upstream stream ended before message_stop"));
  }

  @Test
  void aStreamWithoutMessageStopButWithItsStopReasonFinishes() {
    String sse =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":9}}\n\n";
    assertThat(decode(sse))
        .containsExactly(
            new StreamEvent.Start("msg_1", "m", NOW, Usage.NONE),
            new StreamEvent.Finish(StopReason.MAX_TOKENS, new Usage(0, 0, 0, 9, 0)));
  }

  @Test
  void garbageIsAFailureAndNothingFollowsIt() {
    List<StreamEvent> events =
        decode(
            "event: message_start\ndata: {not json\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(StreamEvent.Failure.class);
  }
}
