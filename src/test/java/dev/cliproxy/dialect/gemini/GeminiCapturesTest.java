package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.StreamEvent.BlockStart;
import dev.cliproxy.dialect.model.StreamEvent.BlockStop;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Real Gemini CLI and genai SDK traffic (golden/gemini/captures) through the codec. */
class GeminiCapturesTest {
  private final GeminiCodec codec = new GeminiCodec();
  private final GeminiCliEnvelope cli = new GeminiCliEnvelope(codec);

  private static List<Path> captures(String glob) throws IOException {
    try (Stream<Path> files = Files.walk(Goldens.directory("gemini/captures"))) {
      return files
          .filter(p -> p.getFileSystem().getPathMatcher("glob:**/" + glob).matches(p))
          .sorted()
          .toList();
    }
  }

  private static byte[] body(JsonNode capture) {
    return capture.at("/request/body").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyCapturedGeminiRequestAndAnswerDecodes() throws IOException {
    List<Path> files = captures("*-gemini.*Content.json");
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    for (Path file : files) {
      JsonNode capture = Goldens.json(file);
      ChatRequest request = codec.decodeRequest(body(capture), "m", true);
      assertThat(request.messages()).as(file.toString()).isNotEmpty();
      JsonNode answer = capture.at("/response/body");
      if (!answer.isMissingNode()) {
        assertThat(codec.decodeResponse(answer.toString().getBytes()).stopReason())
            .as(file.toString())
            .isIn(StopReason.END_TURN, StopReason.TOOL_USE);
      }
    }
  }

  @Test
  void everyCapturedCodeAssistRequestAndAnswerDecodes() throws IOException {
    List<Path> files = captures("*-codeassist.*Content.json");
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    for (Path file : files) {
      JsonNode capture = Goldens.json(file);
      ChatRequest request = cli.decodeRequest(body(capture), true);
      assertThat(request.model()).as(file.toString()).startsWith("gemini-3");
      JsonNode answer = capture.at("/response/body");
      if (!answer.isMissingNode()) {
        assertThat(cli.decodeResponse(answer.toString().getBytes()).content()).isNotEmpty();
      }
    }
  }

  @Test
  void theCliToolTurnKeepsIdsAndPairsTheResult() throws IOException {
    Path file = captures("tool/03-gemini.streamGenerateContent.json").get(0);
    ChatRequest r = codec.decodeRequest(body(Goldens.json(file)), "m", true);

    Part.ToolCall call = (Part.ToolCall) r.messages().get(1).parts().get(0);
    Part.ToolResult result = (Part.ToolResult) r.messages().get(2).parts().get(0);
    assertThat(call.id()).isEqualTo("glob_1795305759434_0");
    assertThat(call.arguments()).isEqualTo("{\"pattern\":\"*\"}");
    assertThat(result.callId()).isEqualTo(call.id());
    assertThat(result.content()).singleElement().isInstanceOf(Part.Text.class);
    assertThat(r.tools()).hasSizeGreaterThan(5);
  }

  @Test
  void theCapturedTextStreamDecodes() throws IOException {
    String sse = sse("gemini-cli/hi/02-gemini.streamGenerateContent.json");

    assertThat(GeminiStreamTest.decode(codec.streamDecoder(FixedContext.create()), sse))
        .containsExactly(
            new StreamEvent.Start(
                "fake1fb3ae3c39074069fd1a0669",
                "gemini-3.8-flash",
                1700000000L,
                new Usage(12, 0, 0, 0, 0)),
            new BlockStart(0, new Block.Text()),
            new StreamEvent.TextDelta(0, "hi"),
            new BlockStop(0),
            new StreamEvent.Finish(StopReason.END_TURN, new Usage(12, 0, 0, 3, 0)));
  }

  @Test
  void theCapturedCodeAssistToolStreamDecodesThroughTheEnvelope() throws IOException {
    String sse = sse("gemini-cli/codeassist-tool/07-codeassist.streamGenerateContent.json");

    assertThat(GeminiStreamTest.decode(cli.streamDecoder(FixedContext.withIds("r", 0)), sse))
        .containsExactly(
            new StreamEvent.Start(
                "fake0f7b096771ce786b8868210f",
                "gemini-3-flash",
                1700000000L,
                new Usage(12, 0, 0, 0, 0)),
            new BlockStart(0, new Block.ToolCall("call_r0", "glob")),
            new StreamEvent.ToolArgumentsDelta(0, "{\"pattern\":\"*\"}"),
            new BlockStop(0),
            new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(12, 0, 0, 3, 0)));
  }

  @Test
  void aStreamWithoutFinishReasonFailsAsGeminiCliExpects() throws IOException {
    String sse = sse("gemini-cli/probe-no-finish-reason/02-gemini.streamGenerateContent.json");

    List<StreamEvent> events =
        GeminiStreamTest.decode(codec.streamDecoder(FixedContext.create()), sse);

    assertThat(events.subList(events.size() - 2, events.size()))
        .containsExactly(
            new BlockStop(0),
            new StreamEvent.Failure("the Gemini stream ended without a finishReason"));
  }

  @Test
  void aCapturedAnswerReEncodesAsTheFakeUpstreamSentIt() throws IOException {
    JsonNode capture = Goldens.json("gemini/captures/sdk/all/13-gemini.generateContent.json");
    ChatResponse r = codec.decodeResponse(capture.at("/response/body").toString().getBytes());

    byte[] out = codec.encodeResponse(r, GeminiStreamTest.request("m"), FixedContext.create());

    assertThat(Goldens.tree(out)).isEqualTo(capture.at("/response/body"));
  }

  private static String sse(String name) throws IOException {
    return Goldens.json("gemini/captures/" + name).at("/response/sse").asText();
  }
}
