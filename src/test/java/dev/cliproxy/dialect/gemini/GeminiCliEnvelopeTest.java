package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.FixedContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiCliEnvelopeTest {
  private final GeminiCliEnvelope cli = new GeminiCliEnvelope(new GeminiCodec());

  @Test
  void aRequestUnwrapsKeepingItsEnvelopeFieldsAndWrapsBack() {
    byte[] body =
        ("{\"model\":\"gemini-3-flash\",\"project\":\"p-1\",\"user_prompt_id\":\"u-1\","
                + "\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"session_id\":\"s\"}}")
            .getBytes();

    GeminiCliEnvelope.Request r = GeminiCliEnvelope.unwrapRequest(body);
    byte[] again = GeminiCliEnvelope.wrapRequest(r.body(), r.model(), r.project(), r.envelope());

    assertThat(r.model()).isEqualTo("gemini-3-flash");
    assertThat(r.project()).isEqualTo("p-1");
    assertThat(r.envelope().toString()).isEqualTo("{\"user_prompt_id\":\"u-1\"}");
    assertThat(new String(again))
        .isEqualTo(
            "{\"model\":\"gemini-3-flash\",\"project\":\"p-1\",\"user_prompt_id\":\"u-1\","
                + "\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"session_id\":\"s\"}}");
    assertThat(cli.decodeRequest(body).model()).isEqualTo("gemini-3-flash");
  }

  @Test
  void aCanonicalRequestIsWrappedWithTheModelAndAnEmptyProject() {
    ChatRequest r =
        new GeminiCodec()
            .decodeRequest(
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(),
                "gemini-2.5-pro",
                true);

    assertThat(new String(cli.encodeRequest(r, FixedContext.create())))
        .isEqualTo(
            "{\"model\":\"gemini-2.5-pro\",\"project\":\"\",\"request\":{\"contents\":"
                + "[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}");
  }

  @Test
  void answersAndChunksAreWrappedButErrorsAreNot() {
    assertThat(new String(GeminiCliEnvelope.wrapResponse("{\"candidates\":[]}".getBytes())))
        .isEqualTo("{\"response\":{\"candidates\":[]}}");
    assertThat(
            new String(
                GeminiCliEnvelope.unwrapResponse(
                    "{\"response\":{\"candidates\":[]},\"traceId\":\"t\"}".getBytes())))
        .isEqualTo("{\"candidates\":[]}");
    byte[] error =
        "{\"error\":{\"code\":429,\"message\":\"slow\",\"status\":\"RESOURCE_EXHAUSTED\"}}"
            .getBytes();
    assertThat(GeminiCliEnvelope.wrapResponse(error)).isEqualTo(error);
    assertThat(GeminiCliEnvelope.unwrapResponse(error)).isEqualTo(error);
  }

  @Test
  void aWrappedAnswerCarriesItsResponseIdAsTheTraceIdAsCodeAssistDoes() {
    assertThat(
            new String(
                GeminiCliEnvelope.wrapResponse(
                    "{\"candidates\":[],\"responseId\":\"r\\\"1\"}".getBytes())))
        .isEqualTo(
            "{\"response\":{\"candidates\":[],\"responseId\":\"r\\\"1\"},\"traceId\":\"r\\\"1\"}");
  }

  @Test
  void theStreamEncoderWrapsEveryChunk() {
    var encoder =
        cli.streamEncoder(GeminiStreamTest.request("gemini-3-flash"), FixedContext.create());
    String out =
        GeminiStreamTest.encode(
            encoder,
            List.of(
                new StreamEvent.Start("r", "gemini-3-flash", 1, Usage.NONE),
                new StreamEvent.BlockStart(0, new Block.Text()),
                new StreamEvent.TextDelta(0, "hi"),
                new StreamEvent.BlockStop(0),
                new StreamEvent.Finish(StopReason.END_TURN, new Usage(12, 0, 0, 3, 0))));

    assertThat(out)
        .isEqualTo(
            "data: {\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]},\"index\":0}],"
                + "\"modelVersion\":\"gemini-3-flash\",\"responseId\":\"r\"},\"traceId\":\"r\"}\n\n"
                + "data: {\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                + "\"candidatesTokenCount\":3,\"totalTokenCount\":15},\"modelVersion\":\"gemini-3-flash\",\"responseId\":\"r\"},\"traceId\":\"r\"}\n\n");
    assertThat(out.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
