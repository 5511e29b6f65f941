package dev.cliproxy.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResponsesCodecTest {
  private final ResponsesCodec codec = new ResponsesCodec();

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void requestEncodesWithToolItemsReasoningAndInstructionsAndDropsForeignParts() {
    ChatRequest request =
        new ChatRequest(
            "gpt-5-codex",
            List.of(new Part.Text("Be helpful.")),
            List.of(
                new Message(
                    Role.USER,
                    List.of(
                        new Part.Text("weather?"),
                        new Part.Image(new Media.Inline("image/png", "AAAA")))),
                new Message(
                    Role.ASSISTANT,
                    List.of(
                        new Part.Thinking(
                            "Two calls.",
                            Optional.of(new Signature(Dialect.OPENAI_RESPONSES, "enc1"))),
                        // a Claude signature means nothing to Responses: the thinking is dropped
                        new Part.Thinking(
                            "claude thought", Optional.of(new Signature(Dialect.CLAUDE, "c"))),
                        new Part.RedactedThinking(new Signature(Dialect.CLAUDE, "r")),
                        new Part.ToolCall(
                            "call_a", "weather", "{\"city\":\"Paris\"}", Optional.empty()),
                        new Part.ToolCall(
                            "call_b", "weather", "{\"city\":\"Rome\"}", Optional.empty()))),
                new Message(
                    Role.USER,
                    List.of(
                        new Part.ToolResult(
                            "call_a", "weather", List.of(new Part.Text("18C")), false),
                        new Part.ToolResult(
                            "call_b", "weather", List.of(new Part.Text("21C")), true),
                        new Part.Text("thanks"))),
                new Message(Role.SYSTEM, List.of(new Part.Text("be formal")))),
            List.of(
                new Tool.Function(
                    "weather",
                    "Get weather",
                    ResponsesJson.MAPPER.createObjectNode().put("type", "object"),
                    false),
                new Tool.Native(
                    Dialect.CLAUDE,
                    ResponsesJson.MAPPER.createObjectNode().put("type", "bash_20250124"))),
            ToolChoice.AUTO,
            new Sampling(
                OptionalDouble.of(0.5),
                OptionalDouble.empty(),
                OptionalInt.of(40),
                OptionalInt.of(100),
                List.of("STOP"),
                OptionalLong.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty()),
            Optional.of(
                new Reasoning(Optional.of(Reasoning.Effort.HIGH), OptionalInt.empty(), true)),
            ResponseFormat.TEXT,
            true,
            Optional.of("u1"));

    assertThat(text(codec.encodeRequest(request, FixedContext.create())))
        .isEqualTo(Goldens.text("responses/request-encoded.json").strip());
  }

  @Test
  void aCodexRequestSurvivesDecodeAndEncode() throws Exception {
    ChatRequest decoded =
        codec.decodeRequest(Goldens.bytes("responses/captures/codex_tool_02.request.json"));
    ChatRequest again = codec.decodeRequest(codec.encodeRequest(decoded, FixedContext.create()));
    // instructions are one joined string now; everything else is the same
    assertThat(again.messages()).isEqualTo(decoded.messages());
    assertThat(again.tools()).isEqualTo(decoded.tools());
    assertThat(again.toolChoice()).isEqualTo(decoded.toolChoice());
    assertThat(again.reasoning()).isEqualTo(decoded.reasoning());
    assertThat(again.system()).hasSize(1);
  }

  @Test
  void responseEncodesAsAResponseObjectAndDecodesBack() {
    ChatResponse response =
        new ChatResponse(
            "resp_9",
            "gpt-5-2025",
            1700000001,
            List.of(
                new Part.Thinking("t", Optional.of(new Signature(Dialect.OPENAI_RESPONSES, "e"))),
                new Part.Text("a"),
                new Part.Text("b"),
                new Part.ToolCall("call_1", "f", "{}", Optional.empty())),
            StopReason.TOOL_USE,
            new Usage(10, 5, 0, 7, 3));
    byte[] body =
        codec.encodeResponse(response, ResponsesStreamTest.simpleRequest(), FixedContext.create());
    assertThat(text(body)).isEqualTo(Goldens.text("responses/response-encoded.json").strip());

    ChatResponse back = codec.decodeResponse(body);
    assertThat(back.content())
        .containsExactly(
            new Part.Thinking("t", Optional.of(new Signature(Dialect.OPENAI_RESPONSES, "e"))),
            new Part.Text("a"),
            new Part.Text("b"),
            new Part.ToolCall("call_1", "f", "{}", Optional.empty()));
    assertThat(back.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(back.usage()).isEqualTo(new Usage(10, 5, 0, 7, 3));
  }

  @Test
  void capturedWholeAnswerDecodes() {
    assertThat(codec.decodeResponse(Goldens.bytes("responses/captures/sdk_04.response.json")))
        .isEqualTo(
            new ChatResponse(
                "resp_fake6da2cf3410c7131f10758149",
                "gpt-5",
                1795305790,
                List.of(new Part.Text("hi")),
                StopReason.END_TURN,
                new Usage(12, 0, 0, 3, 0)));
  }

  @Test
  void everyStopReasonMapsToStatusAndBack() {
    for (StopReason reason : StopReason.values()) {
      ChatResponse r = new ChatResponse("resp_s", "m", 1, List.of(), reason, Usage.NONE);
      String body =
          text(codec.encodeResponse(r, ResponsesStreamTest.simpleRequest(), FixedContext.create()));
      StopReason back = codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)).stopReason();
      switch (reason) {
        case MAX_TOKENS -> {
          assertThat(body)
              .contains(
                  "\"status\":\"incomplete\",\"error\":null,\"incomplete_details\":{\"reason\":\"max_output_tokens\"}");
          assertThat(back).isEqualTo(StopReason.MAX_TOKENS);
        }
        case CONTENT_FILTER, REFUSAL -> {
          assertThat(body).contains("{\"reason\":\"content_filter\"}");
          assertThat(back).isEqualTo(StopReason.CONTENT_FILTER);
        }
        default -> {
          assertThat(body).contains("\"status\":\"completed\"");
          assertThat(back).isEqualTo(StopReason.END_TURN);
        }
      }
    }
  }

  @Test
  void unreadableOrFailedUpstreamAnswersAre502() {
    for (String body :
        List.of(
            "<html>",
            "[]",
            "{\"id\":\"r\",\"status\":\"failed\",\"error\":{\"message\":\"boom\"}}")) {
      assertThatThrownBy(() -> codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOfSatisfying(
              ProxyException.class, e -> assertThat(e.error().status()).isEqualTo(502));
    }
  }

  @Test
  void errorsUseTheOpenAiShape() {
    assertThat(text(codec.encodeError(ProxyError.invalidRequest("bad", "fix 'input'"))))
        .isEqualTo(
            "{\"error\":{\"message\":\"fix 'input'\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"bad\"}}");
  }
}
