package dev.cliproxy.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.testing.CanonicalShape;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenAiStreamCodecTest {
  private final OpenAiChatCodec codec = new OpenAiChatCodec();

  /** Feeds raw SSE through a decoder the way the gateway does, one event at a time. */
  private String decode(byte[] sse) throws IOException {
    StreamDecoder decoder = codec.streamDecoder(FixedContext.create());
    SseEventReader reader = new SseEventReader(new ByteArrayInputStream(sse), 1 << 20);
    List<StreamEvent> events = new ArrayList<>();
    for (byte[] event = reader.next(); event != null; event = reader.next()) {
      events.addAll(decoder.onEvent(event));
    }
    events.addAll(decoder.onEnd());
    CanonicalShape.check(events);
    return events.stream().map(Object::toString).collect(Collectors.joining("\n", "", "\n"));
  }

  private String encode(ChatRequest request, StreamEvent... events) {
    StreamEncoder encoder = codec.streamEncoder(request, FixedContext.create());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent event : events) {
      encoder.encode(event).forEach(out::writeBytes);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private ChatRequest request(String model) {
    return codec.decodeRequest(
        ("{\"model\":\""
                + model
                + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] capturedSse(String file) {
    return Goldens.json("openai/captures/" + file)
        .path("response")
        .path("sse")
        .asText()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theCapturedTextStreamDecodes() throws IOException {
    assertThat(decode(capturedSse("02-openai.chat.json")))
        .isEqualTo(Goldens.text("openai/sdk-02.events"));
  }

  @Test
  void theCapturedToolStreamDecodes() throws IOException {
    assertThat(decode(capturedSse("03-openai.chat.json")))
        .isEqualTo(Goldens.text("openai/sdk-03.events"));
  }

  @Test
  void reasoningTextAndParallelToolCallsBecomeSequentialBlocks() throws IOException {
    assertThat(decode(Goldens.bytes("openai/upstream-stream-reasoning-parallel.sse")))
        .isEqualTo(Goldens.text("openai/upstream-stream-reasoning-parallel.events"));
  }

  @Test
  void aStreamCutBeforeItsFinishIsAFailure() throws IOException {
    assertThat(decode(Goldens.bytes("openai/upstream-stream-cut.sse")))
        .isEqualTo(Goldens.text("openai/upstream-stream-cut.events"));
  }

  @Test
  void anErrorEventEndsTheStreamAsAFailure() throws IOException {
    assertThat(decode(Goldens.bytes("openai/upstream-stream-error.sse")))
        .isEqualTo(Goldens.text("openai/upstream-stream-error.events"));
  }

  @Test
  void aFinishWithoutDoneStillFinishesAndAToolCallWithoutIdGetsOne() throws IOException {
    String sse =
        "data: {\"id\":\"x\",\"model\":\"m\",\"created\":5,\"choices\":[{\"delta\":{\"tool_calls\":"
            + "[{\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n"
            + "data: {\"id\":\"x\",\"model\":\"m\",\"created\":5,\"choices\":[{\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}\n\n";

    assertThat(decode(sse.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            "Start[id=x, model=m, created=5, usage="
                + Usage.NONE
                + "]\n"
                + "BlockStart[index=0, block=ToolCall[id=call_000000000000000000000001, name=f]]\n"
                + "ToolArgumentsDelta[index=0, fragment={}]\n"
                + "BlockStop[index=0]\n"
                + "Finish[stopReason=TOOL_USE, usage="
                + Usage.NONE
                + "]\n");
  }

  @Test
  void garbageAndAResumedToolCallAreFailuresNotExceptions() throws IOException {
    String resumed =
        "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\"}}]}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"text\"}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}\n\n"
            + "data: [DONE]\n\n";

    assertThat(decode(resumed.getBytes(StandardCharsets.UTF_8)))
        .endsWith(
            "BlockStop[index=1]\nFailure[message=The upstream resumed tool call 0 after starting"
                + " another block; the proxy cannot stream that.]\n");
    assertThat(decode("data: {oops\n\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("Failure[message=The upstream sent a stream event that is not valid JSON.]\n");
    assertThat(decode("data: [1]\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            "Failure[message=The upstream sent a stream event that is not a JSON object.]\n");
  }

  @Test
  void canonicalEventsBecomeTheGoldenClientStream() {
    String out =
        encode(
            request("gpt-4o"),
            new StreamEvent.Start("chatcmpl-1", "gpt-4o", 1_700_000_000L, Usage.NONE),
            new StreamEvent.BlockStart(0, new Block.Thinking()),
            new StreamEvent.ThinkingDelta(0, "Hmm"),
            new StreamEvent.SignatureDelta(0, new Signature(Dialect.CLAUDE, "sig")),
            new StreamEvent.BlockStop(0),
            new StreamEvent.BlockStart(1, new Block.Text()),
            new StreamEvent.TextDelta(1, "Calling."),
            new StreamEvent.BlockStop(1),
            new StreamEvent.BlockStart(2, new Block.ToolCall("toolu_1", "get_weather")),
            new StreamEvent.ToolArgumentsDelta(2, "{\"city\":"),
            new StreamEvent.ToolArgumentsDelta(2, "\"Paris\"}"),
            new StreamEvent.BlockStop(2),
            new StreamEvent.BlockStart(3, new Block.ToolCall("toolu_2", "get_time")),
            new StreamEvent.ToolArgumentsDelta(3, "{}"),
            new StreamEvent.BlockStop(3),
            new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(40, 60, 0, 20, 5)));

    assertThat(out).isEqualTo(Goldens.text("openai/encoded-tools.sse"));
  }

  @Test
  void aFailureBecomesAnOpenAiErrorEventAndNothingFollows() {
    String out =
        encode(
            request("claude-sonnet-4-5"),
            new StreamEvent.Start("", "", 0, Usage.NONE),
            new StreamEvent.BlockStart(0, new Block.Text()),
            new StreamEvent.TextDelta(0, "Par"),
            new StreamEvent.Failure("upstream connection reset"),
            new StreamEvent.Finish(StopReason.END_TURN, Usage.NONE));

    assertThat(out).isEqualTo(Goldens.text("openai/encoded-failure.sse"));
  }

  @Test
  void withoutUsageThereIsNoUsageChunkAndDoneIsLast() {
    String out =
        encode(
            request("m"),
            new StreamEvent.Start("id", "m", 9, Usage.NONE),
            new StreamEvent.Finish(StopReason.MAX_TOKENS, Usage.NONE));

    assertThat(out)
        .isEqualTo(
            "data: {\"id\":\"id\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"id\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n"
                + "data: [DONE]\n\n");
  }

  @Test
  void decodingThenEncodingTheCapturedStreamGivesTheClientAnEquivalentStream() throws IOException {
    StreamDecoder decoder = codec.streamDecoder(FixedContext.create());
    StreamEncoder encoder = codec.streamEncoder(request("gpt-4o"), FixedContext.create());
    SseEventReader reader =
        new SseEventReader(new ByteArrayInputStream(capturedSse("03-openai.chat.json")), 1 << 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] event = reader.next(); event != null; event = reader.next()) {
      decoder.onEvent(event).forEach(e -> encoder.encode(e).forEach(out::writeBytes));
    }
    decoder.onEnd().forEach(e -> encoder.encode(e).forEach(out::writeBytes));

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_fakede57ccab5d65e1647cf9f95d\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}")
        .contains("\"finish_reason\":\"tool_calls\"")
        .endsWith("data: [DONE]\n\n");
  }
}
