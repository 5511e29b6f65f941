package dev.cliproxy.dialect.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.PassthroughUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A passed-through Claude answer's usage, as the Claude decoders report it for the same bytes. */
class ClaudeUsageSnifferTest {
  private final ClaudeCodec codec = new ClaudeCodec();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "claude/stream-thinking-tools.sse",
        "claude/stream-thinking-tools.encoded.sse",
        "pairs/upstream/claude.sse",
        "pairs/claude-to-claude.sse",
        "pairs/openai-to-claude.sse",
        "claude/captures/claude-code__hi__01-anthropic.messages.response.sse",
        "claude/captures/claude-code__tool__01-anthropic.messages.response.sse",
        "claude/captures/claude-code__tool__02-anthropic.messages.response.sse",
        "claude/captures/sdk__all__09-anthropic.messages.response.sse",
        "claude/captures/sdk__all__10-anthropic.messages.response.sse"
      })
  void aStreamReportsWhatTheStreamDecoderReports(String golden) {
    List<byte[]> events = Goldens.sseEvents(Goldens.bytes(golden));

    assertThat(PassthroughUsage.decoded(codec, events)).isPresent();
    assertThat(PassthroughUsage.sniffed(codec, events))
        .isEqualTo(PassthroughUsage.decoded(codec, events));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "claude/response-thinking-tools.json",
        "pairs/upstream/claude.json",
        "pairs/claude-to-claude.json",
        "claude/captures/claude-code__nonstream-fallback-hi__01-anthropic.messages.response.json",
        "claude/captures/sdk__all__08-anthropic.messages.response.json"
      })
  void aWholeAnswerReportsWhatTheAnswerDecoderReports(String golden) {
    byte[] body = Goldens.bytes(golden);

    assertThat(PassthroughUsage.decoded(codec, body)).isPresent();
    assertThat(PassthroughUsage.sniffed(codec, body))
        .isEqualTo(PassthroughUsage.decoded(codec, body));
  }

  @Test
  void messageDeltaOutputAndRepeatedInputMergeWithMessageStartsCacheCounts() {
    List<byte[]> events = Goldens.sseEvents(Goldens.bytes("claude/stream-thinking-tools.sse"));

    // message_start: input 25, cache write 100, cache read 900; message_delta: input 26, output 120
    assertThat(PassthroughUsage.sniffed(codec, events)).hasValue(new Usage(26, 900, 100, 120, 0));
  }

  @Test
  void onlyEventsThatMayHoldUsageAreRead() {
    var sniffer = codec.usageSniffer();
    sniffer.onEvent(
        named(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"\\\"usage\\\":{\"}}"));
    assertThat(sniffer.usage()).isEmpty();
    sniffer.onEvent(
        named("message_delta", "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":4}}"));

    assertThat(sniffer.usage()).hasValue(new Usage(0, 0, 0, 4, 0));
  }

  @Test
  void foreignOrBrokenBytesReportNoneWithoutThrowing() {
    var sniffer = codec.usageSniffer();
    sniffer.onEvent(named("message_start", "{\"type\":\"message_start\",\"usage\":{"));
    sniffer.onEvent(
        named("message_delta", "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":4}}"));

    assertThat(sniffer.usage()).isEmpty();
    assertThat(codec.usageOf("{\"usage\":{\"input_tokens\":\"x\"}}".getBytes())).isEmpty();
    assertThat(codec.usageOf("{\"type\":\"error\",\"usage\":{}}".getBytes())).isEmpty();
    assertThat(codec.usageOf("<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  private static byte[] named(String name, String data) {
    return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }
}
