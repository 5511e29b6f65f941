package dev.cliproxy.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.StreamEvent.Block;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.sse.SseData;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponsesStreamTest {
  private static final Usage FAKE_USAGE = new Usage(12, 0, 0, 3, 0);

  static ChatRequest simpleRequest() {
    return new ChatRequest(
        "gpt-5",
        List.of(),
        List.of(new Message(Role.USER, List.of(new Part.Text("hi")))),
        List.of(),
        ToolChoice.AUTO,
        Sampling.DEFAULT,
        Optional.empty(),
        ResponseFormat.TEXT,
        true,
        Optional.empty());
  }

  /** All canonical events a decoder makes of an SSE text, end of input included. */
  private static List<StreamEvent> decodeStream(String sse) {
    ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(FixedContext.create());
    List<StreamEvent> out = new ArrayList<>();
    for (byte[] e : Goldens.sseEvents(sse)) {
      out.addAll(decoder.onEvent(e));
    }
    out.addAll(decoder.onEnd());
    return out;
  }

  /** The client stream; made-up ids are resp_rnd1, … as the assertions below spell them. */
  private static String encode(ChatRequest request, List<StreamEvent> events) {
    StreamEncoder encoder =
        new ResponsesCodec().streamEncoder(request, FixedContext.withIds("rnd", 1));
    StringBuilder out = new StringBuilder();
    for (StreamEvent e : events) {
      for (byte[] wire : encoder.encode(e)) {
        out.append(new String(wire, StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }

  @Test
  void capturedFunctionCallStreamDecodes() {
    assertThat(decodeStream(Goldens.text("responses/captures/codex_tool_01.response.sse")))
        .containsExactly(
            new StreamEvent.Start(
                "resp_fake3e2c4f77e63e8bd05b8c5436", "gpt-5-codex", 1795305745, Usage.NONE),
            new StreamEvent.BlockStart(
                0, new Block.ToolCall("call_fake7b35ecfa0a5ac319a8bb2664", "exec_command")),
            new StreamEvent.ToolArgumentsDelta(0, "{\"cmd\":\"ls\"}"),
            new StreamEvent.BlockStop(0),
            new StreamEvent.Finish(StopReason.TOOL_USE, FAKE_USAGE));
  }

  @Test
  void capturedTextStreamDecodes() {
    assertThat(decodeStream(Goldens.text("responses/captures/sdk_05.response.sse")))
        .containsExactly(
            new StreamEvent.Start(
                "resp_fake2745eae6f4a37bb5475089bb", "gpt-5", 1795305790, Usage.NONE),
            new StreamEvent.BlockStart(0, new Block.Text()),
            new StreamEvent.TextDelta(0, "hi"),
            new StreamEvent.BlockStop(0),
            new StreamEvent.Finish(StopReason.END_TURN, FAKE_USAGE));
  }

  @Test
  void aStreamWithoutResponseCompletedFails() {
    List<StreamEvent> events =
        decodeStream(
            Goldens.text("responses/captures/codex_probe-no-response-completed_01.response.sse"));
    assertThat(events.get(events.size() - 2)).isEqualTo(new StreamEvent.BlockStop(0));
    assertThat(events.getLast())
        .isEqualTo(new StreamEvent.Failure("the upstream stream ended before response.completed"));
  }

  @Test
  void reasoningSignatureHostedItemsAndIncompleteDecode() {
    assertThat(decodeStream(Goldens.text("responses/upstream-reasoning-incomplete.sse")))
        .containsExactly(
            new StreamEvent.Start("resp_up1", "gpt-5-codex", 1712345678, Usage.NONE),
            new StreamEvent.BlockStart(0, new Block.Thinking()),
            new StreamEvent.ThinkingDelta(0, "First."),
            new StreamEvent.ThinkingDelta(0, "\n\n"),
            new StreamEvent.ThinkingDelta(0, "Second."),
            new StreamEvent.SignatureDelta(
                0, new Signature(Dialect.OPENAI_RESPONSES, "gAAAAenc==")),
            new StreamEvent.BlockStop(0),
            // the web_search_call item has no canonical block
            new StreamEvent.BlockStart(1, new Block.Text()),
            new StreamEvent.TextDelta(1, "Partial"),
            new StreamEvent.BlockStop(1),
            // a function call seen only in output_item.done: whole arguments from the item
            new StreamEvent.BlockStart(2, new Block.ToolCall("call_up1", "g")),
            new StreamEvent.ToolArgumentsDelta(2, "{\"x\":1}"),
            new StreamEvent.BlockStop(2),
            new StreamEvent.Finish(StopReason.MAX_TOKENS, new Usage(40, 60, 0, 50, 20)));
  }

  @Test
  void failedAndErrorEventsBecomeFailures() {
    String failed =
        "event: response.failed\ndata: {\"type\":\"response.failed\",\"sequence_number\":1,"
            + "\"response\":{\"id\":\"r\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\","
            + "\"message\":\"boom\"}}}\n\n";
    assertThat(decodeStream(failed))
        .containsExactly(new StreamEvent.Failure("the upstream failed (server_error): boom"));
    String error =
        "event: error\ndata: {\"type\":\"error\",\"sequence_number\":0,\"code\":\"rate_limit_exceeded\","
            + "\"message\":\"slow down\",\"param\":null}\n\n";
    assertThat(decodeStream(error))
        .containsExactly(
            new StreamEvent.Failure("the upstream failed (rate_limit_exceeded): slow down"));
    assertThat(decodeStream("data: {not json\n\n"))
        .containsExactly(
            new StreamEvent.Failure("the upstream sent an unreadable Responses stream event"));
  }

  @Test
  void encoderWritesTheExactOpenAiEventSequence() {
    List<StreamEvent> events =
        List.of(
            new StreamEvent.Start("resp_1", "gpt-5-upstream", 1700000000, Usage.NONE),
            new StreamEvent.BlockStart(0, new Block.Thinking()),
            new StreamEvent.ThinkingDelta(0, "Plan."),
            new StreamEvent.SignatureDelta(0, new Signature(Dialect.OPENAI_RESPONSES, "enc1")),
            new StreamEvent.BlockStop(0),
            new StreamEvent.BlockStart(1, new Block.Text()),
            new StreamEvent.TextDelta(1, "Hi"),
            new StreamEvent.TextDelta(1, " there"),
            new StreamEvent.BlockStop(1),
            new StreamEvent.BlockStart(2, new Block.ToolCall("call_1", "f")),
            new StreamEvent.ToolArgumentsDelta(2, "{\"a\":"),
            new StreamEvent.ToolArgumentsDelta(2, "1}"),
            new StreamEvent.BlockStop(2),
            new StreamEvent.Finish(StopReason.TOOL_USE, new Usage(10, 5, 0, 7, 3)));
    assertThat(encode(simpleRequest(), events))
        .isEqualTo(Goldens.text("responses/stream-thinking-text-tool.sse"));
  }

  @Test
  void encodedStreamDecodesBackToTheSameEvents() {
    String sse = Goldens.text("responses/stream-thinking-text-tool.sse");
    List<StreamEvent> decoded = decodeStream(sse);
    assertThat(decoded.getFirst())
        .isEqualTo(new StreamEvent.Start("resp_1", "gpt-5", 1700000000, Usage.NONE));
    assertThat(encode(simpleRequest(), decoded)).isEqualTo(sse);
  }

  @Test
  void claudesSignatureRidesWrappedInEncryptedContentAndGeminisIsDropped() {
    Signature claude = new Signature(Dialect.CLAUDE, "claude-sig");
    String sse =
        encode(
            simpleRequest(),
            List.of(
                new StreamEvent.Start("resp_1", "m", 1, Usage.NONE),
                new StreamEvent.BlockStart(0, new Block.Thinking()),
                new StreamEvent.ThinkingDelta(0, "t"),
                new StreamEvent.SignatureDelta(0, claude),
                new StreamEvent.BlockStop(0),
                new StreamEvent.BlockStart(1, new Block.Thinking()),
                new StreamEvent.SignatureDelta(1, new Signature(Dialect.GEMINI, "gemini-sig")),
                new StreamEvent.BlockStop(1),
                new StreamEvent.Finish(StopReason.END_TURN, Usage.NONE)));
    String carried = claude.forClient(Dialect.OPENAI_RESPONSES).orElseThrow();
    assertThat(carried).isNotEqualTo("claude-sig");
    assertThat(sse)
        .contains("\"encrypted_content\":\"" + carried + "\"")
        .doesNotContain("claude-sig")
        .doesNotContain("gemini-sig");
    // The Gemini-signed block had no text either, so it is no item: the one reasoning item is
    // added, done and in the completed response.
    assertThat(sse.split("\"type\":\"reasoning\"", -1)).hasSize(1 + 3);
  }

  @Test
  void maxTokensEndsWithResponseIncompleteAndFailureWithResponseFailed() throws Exception {
    List<JsonNode> cut =
        data(
            encode(
                simpleRequest(),
                List.of(
                    new StreamEvent.Start("", "m", 0, Usage.NONE),
                    new StreamEvent.BlockStart(
                        0, new Block.RedactedThinking(new Signature(Dialect.CLAUDE, "x"))),
                    new StreamEvent.BlockStop(0),
                    new StreamEvent.BlockStart(1, new Block.Text()),
                    new StreamEvent.TextDelta(1, "a"),
                    new StreamEvent.BlockStop(1),
                    new StreamEvent.Finish(StopReason.MAX_TOKENS, Usage.NONE))));
    JsonNode last = cut.getLast();
    assertThat(last.path("type").asText()).isEqualTo("response.incomplete");
    assertThat(last.path("response").path("id").asText()).isEqualTo("resp_rnd1");
    assertThat(last.path("response").path("created_at").asLong()).isEqualTo(1700000000L);
    assertThat(last.path("response").path("incomplete_details").toString())
        .isEqualTo("{\"reason\":\"max_output_tokens\"}");
    // the redacted block has no item: the message is output_index 0
    assertThat(last.path("response").path("output").size()).isEqualTo(1);
    assertThat(last.path("response").path("output").get(0).path("id").asText())
        .isEqualTo("msg_resp_rnd1_0");
    for (int i = 0; i < cut.size(); i++) {
      assertThat(cut.get(i).path("sequence_number").asInt()).isEqualTo(i);
    }

    List<JsonNode> failed =
        data(
            encode(
                simpleRequest(),
                List.of(
                    new StreamEvent.Start("resp_2", "m", 5, Usage.NONE),
                    new StreamEvent.Failure("upstream reset"))));
    assertThat(failed)
        .extracting(n -> n.path("type").asText())
        .containsExactly("response.created", "response.in_progress", "response.failed");
    assertThat(failed.getLast().path("response").path("status").asText()).isEqualTo("failed");
    assertThat(failed.getLast().path("response").path("error").toString())
        .isEqualTo("{\"code\":\"server_error\",\"message\":\"upstream reset\"}");
  }

  private static List<JsonNode> data(String sse) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] e : Goldens.sseEvents(sse)) {
      out.add(ResponsesJson.MAPPER.readTree(SseData.of(e)));
    }
    return out;
  }
}
