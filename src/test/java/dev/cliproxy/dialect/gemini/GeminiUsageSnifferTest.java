package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.PassthroughUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A passed-through Gemini answer's usage, plain or in the Code Assist envelope, as the Gemini
 * decoders report it for the same bytes.
 */
class GeminiUsageSnifferTest {
  private final GeminiCodec codec = new GeminiCodec();
  private final GeminiCliEnvelope cli = new GeminiCliEnvelope(codec);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gemini/stream-thinking-tools.sse",
        "gemini/stream-from-claude.sse",
        "pairs/upstream/gemini.sse",
        "pairs/gemini-to-gemini.sse",
        "pairs/claude-to-gemini.sse"
      })
  void aStreamReportsWhatTheStreamDecoderReports(String golden) {
    agrees(codec, Goldens.sseEvents(Goldens.bytes(golden)));
    agrees(cli, enveloped(Goldens.sseEvents(Goldens.bytes(golden))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gemini-cli/hi/02-gemini.streamGenerateContent.json",
        "gemini-cli/tool/02-gemini.streamGenerateContent.json",
        "gemini-cli/tool/03-gemini.streamGenerateContent.json",
        "sdk/all/14-gemini.streamGenerateContent.json"
      })
  void aCapturedStreamReportsWhatTheStreamDecoderReports(String capture) {
    agrees(codec, PassthroughUsage.capturedEvents(Goldens.json("gemini/captures/" + capture)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gemini-cli/codeassist-hi/07-codeassist.streamGenerateContent.json",
        "gemini-cli/codeassist-tool/07-codeassist.streamGenerateContent.json",
        "gemini-cli/codeassist-tool/08-codeassist.streamGenerateContent.json"
      })
  void aCapturedCodeAssistStreamReportsWhatItsDecoderReports(String capture) {
    agrees(cli, PassthroughUsage.capturedEvents(Goldens.json("gemini/captures/" + capture)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "response-thinking-tools.json",
        "response-thinking-tools.encoded.json",
        "captures/gemini-cli/hi/01-gemini.generateContent.json",
        "captures/sdk/all/13-gemini.generateContent.json",
        "captures/sdk/all/15-gemini.generateContent.json",
        "captures/gemini-cli/codeassist-hi/06-codeassist.generateContent.json",
        "captures/gemini-cli/codeassist-tool/06-codeassist.generateContent.json"
      })
  void aWholeAnswerReportsWhatTheAnswerDecoderReports(String golden) {
    byte[] body =
        golden.startsWith("captures/")
            ? PassthroughUsage.capturedBody(Goldens.json("gemini/" + golden))
            : Goldens.bytes("gemini/" + golden);
    DialectCodec reader = golden.contains("codeassist") ? cli : codec;

    assertThat(PassthroughUsage.decoded(reader, body)).isPresent();
    assertThat(PassthroughUsage.sniffed(reader, body))
        .isEqualTo(PassthroughUsage.decoded(reader, body));
  }

  @Test
  void thoughtsCountAsOutputBesideTheCandidatesAndCachedTokensLeaveTheInput() {
    List<byte[]> events = Goldens.sseEvents(Goldens.bytes("gemini/stream-thinking-tools.sse"));

    // prompt 50 of which 30 cached; candidates 20 plus thoughts 10
    Usage expected = new Usage(20, 30, 0, 30, 10);
    assertThat(PassthroughUsage.sniffed(codec, events)).hasValue(expected);
    assertThat(PassthroughUsage.sniffed(cli, enveloped(events))).hasValue(expected);
    byte[] whole = Goldens.bytes("gemini/response-thinking-tools.json");
    assertThat(cli.usageOf(GeminiCliEnvelope.wrapResponse(whole))).isEqualTo(codec.usageOf(whole));
  }

  @Test
  void chunksAfterTheFinishReasonAreIgnoredAsTheDecoderIgnoresThem() {
    List<byte[]> events =
        List.of(
            event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}"),
            event(
                "{\"candidates\":[{\"finishReason\":\"STOP\"}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2}}"),
            event("{\"usageMetadata\":{\"promptTokenCount\":400}}"));

    assertThat(PassthroughUsage.sniffed(codec, events)).hasValue(new Usage(4, 0, 0, 2, 0));
    assertThat(PassthroughUsage.sniffed(codec, events))
        .isEqualTo(PassthroughUsage.decoded(codec, events));
  }

  @Test
  void foreignOrBrokenBytesReportNoneWithoutThrowing() {
    var sniffer = codec.usageSniffer();
    sniffer.onEvent(event("{\"usageMetadata\":{\"promptTokenCount\":\"many\"}}"));
    sniffer.onEvent(event("{\"usageMetadata\":{\"promptTokenCount\":4}}"));
    assertThat(sniffer.usage()).isEmpty();

    var wrapped = cli.usageSniffer();
    wrapped.onEvent(event("{\"response\":3,\"usageMetadata\":{\"promptTokenCount\":4}}"));
    assertThat(wrapped.usage()).isEmpty();
    assertThat(codec.usageOf("{\"error\":{\"message\":\"x\"},\"usageMetadata\":{}}".getBytes()))
        .isEmpty();
    assertThat(cli.usageOf("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  private static void agrees(DialectCodec reader, List<byte[]> events) {
    assertThat(PassthroughUsage.decoded(reader, events)).isPresent();
    assertThat(PassthroughUsage.sniffed(reader, events))
        .isEqualTo(PassthroughUsage.decoded(reader, events));
  }

  /** The same stream as Code Assist sends it. */
  private static List<byte[]> enveloped(List<byte[]> events) {
    return events.stream().map(GeminiCliEnvelope::wrapEvent).toList();
  }

  private static byte[] event(String data) {
    return ("data: " + data + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }
}
