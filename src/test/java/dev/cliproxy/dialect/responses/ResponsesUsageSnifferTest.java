package dev.cliproxy.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.PassthroughUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A passed-through Responses answer's usage, as the Responses decoders report it for the same
 * bytes.
 */
class ResponsesUsageSnifferTest {
  private final ResponsesCodec codec = new ResponsesCodec();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "responses/stream-thinking-text-tool.sse",
        "responses/upstream-reasoning-incomplete.sse",
        "pairs/upstream/responses.sse",
        "pairs/responses-to-responses.sse",
        "pairs/claude-to-responses.sse",
        "responses/captures/codex_hi_01.response.sse",
        "responses/captures/codex_tool_01.response.sse",
        "responses/captures/codex_tool_02.response.sse",
        "responses/captures/codex_builtin-openai-provider-hi_08.response.sse",
        "responses/captures/sdk_05.response.sse"
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
        "pairs/upstream/responses.json",
        "pairs/responses-to-responses.json",
        "responses/captures/sdk_04.response.json"
      })
  void aWholeAnswerReportsWhatTheAnswerDecoderReports(String golden) {
    byte[] body = Goldens.bytes(golden);

    assertThat(PassthroughUsage.decoded(codec, body)).isPresent();
    assertThat(PassthroughUsage.sniffed(codec, body))
        .isEqualTo(PassthroughUsage.decoded(codec, body));
  }

  @Test
  void cachedAndReasoningTokensComeApartFromTheInput() {
    // input 15 of which 5 cached; output 7 of which 3 reasoning
    assertThat(
            PassthroughUsage.sniffed(
                codec, Goldens.sseEvents(Goldens.bytes("responses/stream-thinking-text-tool.sse"))))
        .hasValue(new Usage(10, 5, 0, 7, 3));
    // an incomplete answer still reports what it used: 100 of which 60 cached; 50 of which 20
    assertThat(
            PassthroughUsage.sniffed(
                codec,
                Goldens.sseEvents(Goldens.bytes("responses/upstream-reasoning-incomplete.sse"))))
        .hasValue(new Usage(40, 60, 0, 50, 20));
  }

  @Test
  void aStreamCutBeforeResponseCompletedReportsNone() {
    List<byte[]> events =
        Goldens.sseEvents(
            Goldens.bytes("responses/captures/codex_probe-no-response-completed_01.response.sse"));

    assertThat(PassthroughUsage.sniffed(codec, events)).isEmpty();
    assertThat(PassthroughUsage.decoded(codec, events)).isEmpty();
  }

  @Test
  void foreignOrBrokenBytesReportNoneWithoutThrowing() {
    var sniffer = codec.usageSniffer();
    sniffer.onEvent(event("{\"type\":\"response.completed\",\"response\":{\"usage\":{"));
    sniffer.onEvent(
        event(
            "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\","
                + "\"usage\":{\"input_tokens\":3}}}"));
    sniffer.onEvent(
        event("{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":3}}}"));

    assertThat(sniffer.usage()).isEmpty();
    assertThat(codec.usageOf("{\"status\":\"failed\",\"usage\":{\"input_tokens\":3}}".getBytes()))
        .isEmpty();
    assertThat(codec.usageOf("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  private static byte[] event(String data) {
    return ("event: x\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }
}
