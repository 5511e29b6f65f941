package dev.cliproxy.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.PassthroughUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A passed-through chat answer's usage, as the chat decoders report it for the same bytes. */
class OpenAiUsageSnifferTest {
  private final OpenAiChatCodec codec = new OpenAiChatCodec();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "openai/upstream-stream-reasoning-parallel.sse",
        "openai/encoded-tools.sse",
        "pairs/upstream/openai.sse",
        "pairs/openai-to-openai.sse",
        "pairs/claude-to-openai.sse"
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
        "openai/upstream-stream-cut.sse",
        "openai/upstream-stream-error.sse",
      })
  void aStreamWithoutAUsageChunkReportsNone(String golden) {
    List<byte[]> events = Goldens.sseEvents(Goldens.bytes(golden));

    assertThat(PassthroughUsage.sniffed(codec, events)).isEmpty();
    assertThat(PassthroughUsage.decoded(codec, events)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai/response-tools.json", "pairs/upstream/openai.json"})
  void aWholeAnswerReportsWhatTheAnswerDecoderReports(String golden) {
    byte[] body = Goldens.bytes(golden);

    assertThat(PassthroughUsage.decoded(codec, body)).isPresent();
    assertThat(PassthroughUsage.sniffed(codec, body))
        .isEqualTo(PassthroughUsage.decoded(codec, body));
  }

  @Test
  void capturedSdkAnswersAgreeWithTheDecoders() {
    var whole = Goldens.json("openai/captures/01-openai.chat.json");
    byte[] body = PassthroughUsage.capturedBody(whole);
    assertThat(PassthroughUsage.sniffed(codec, body))
        .isPresent()
        .isEqualTo(PassthroughUsage.decoded(codec, body));

    List<byte[]> events =
        PassthroughUsage.capturedEvents(Goldens.json("openai/captures/02-openai.chat.json"));
    assertThat(PassthroughUsage.sniffed(codec, events))
        .isPresent()
        .isEqualTo(PassthroughUsage.decoded(codec, events));
  }

  @Test
  void cachedAndReasoningTokensComeApartFromThePrompt() {
    List<byte[]> events =
        Goldens.sseEvents(Goldens.bytes("openai/upstream-stream-reasoning-parallel.sse"));

    // prompt 100 of which 64 cached; completion 30 of which 12 reasoning
    assertThat(PassthroughUsage.sniffed(codec, events)).hasValue(new Usage(36, 64, 0, 30, 12));
    assertThat(codec.usageOf(Goldens.bytes("pairs/upstream/openai.json")))
        .hasValue(codec.decodeResponse(Goldens.bytes("pairs/upstream/openai.json")).usage());
  }

  @Test
  void nullUsageInEveryChunkIsSkippedAndTheLastUsageChunkWins() {
    var sniffer = codec.usageSniffer();
    sniffer.onEvent(event("{\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}"));
    assertThat(sniffer.usage()).isEmpty();
    sniffer.onEvent(event("{\"choices\":[],\"usage\":{\"prompt_tokens\":5}}"));
    sniffer.onEvent(event("{\"choices\":[],\"usage\" : {\"prompt_tokens\":9}}"));

    assertThat(sniffer.usage()).hasValue(new Usage(9, 0, 0, 0, 0));
  }

  @Test
  void foreignOrBrokenBytesReportNoneWithoutThrowing() {
    var sniffer = codec.usageSniffer();
    sniffer.onEvent(event("{\"usage\":{\"prompt_tokens\":"));
    sniffer.onEvent(event("[1,2]"));
    sniffer.onEvent("event: ping\n\n".getBytes(StandardCharsets.UTF_8));
    sniffer.onEvent(event("{\"error\":{\"message\":\"x\"},\"usage\":{\"prompt_tokens\":1}}"));
    sniffer.onEvent(event("{\"usage\":{\"prompt_tokens\":2}}"));

    assertThat(sniffer.usage()).isEmpty();
    assertThat(codec.usageOf("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(codec.usageOf("{\"candidates\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  private static byte[] event(String data) {
    return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }
}
