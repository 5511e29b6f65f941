package dev.cliproxy.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponseCodecTest {
  private final OpenAiChatCodec codec = new OpenAiChatCodec();
  private final ChatRequest request =
      codec.decodeRequest(
          "{\"model\":\"alias-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
              .getBytes(StandardCharsets.UTF_8));

  @Test
  void aToolCallingAnswerWithReasoningAndCachedUsageDecodes() {
    ChatResponse response = codec.decodeResponse(Goldens.bytes("openai/response-tools.json"));

    assertThat(response)
        .isEqualTo(
            new ChatResponse(
                "chatcmpl-123",
                "gpt-4o-2024-08-06",
                1_700_000_123L,
                List.of(
                    new Part.Thinking("Need both.", Optional.empty()),
                    new Part.ToolCall(
                        "call_A", "get_weather", "{\"city\":\"Paris\"}", Optional.empty()),
                    new Part.ToolCall(
                        "call_B", "get_time", "{\"city\":\"Rome\"}", Optional.empty())),
                StopReason.TOOL_USE,
                new Usage(36, 64, 0, 30, 12)));
  }

  @Test
  void aToolCallingAnswerReEncodesAsTheGolden() {
    ChatResponse response = codec.decodeResponse(Goldens.bytes("openai/response-tools.json"));

    JsonNode out = Goldens.tree(codec.encodeResponse(response, request, FixedContext.create()));

    assertThat(out).isEqualTo(Goldens.json("openai/response-tools.json"));
  }

  @Test
  void theCapturedSdkAnswerDecodes() throws Exception {
    byte[] body =
        Goldens.write(
            Goldens.json("openai/captures/01-openai.chat.json").path("response").path("body"));

    ChatResponse response = codec.decodeResponse(body);

    assertThat(response.content()).containsExactly(new Part.Text("hi"));
    assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(response.usage()).isEqualTo(new Usage(12, 0, 0, 3, 0));
  }

  @Test
  void anAnswerFromElsewhereGetsAnIdTimeAndTheRequestModelAndLosesItsSignature() {
    ChatResponse claude =
        new ChatResponse(
            "",
            "",
            0,
            List.of(
                new Part.Thinking("hm", Optional.of(new Signature(Dialect.CLAUDE, "sig"))),
                new Part.Text("Hello"),
                new Part.Text(" there")),
            StopReason.MAX_TOKENS,
            new Usage(5, 0, 3, 7, 0));

    String out =
        new String(
            codec.encodeResponse(claude, request, FixedContext.create()), StandardCharsets.UTF_8);

    assertThat(out)
        .isEqualTo(
            "{\"id\":\"chatcmpl-000000000000000000000001\",\"object\":\"chat.completion\","
                + "\"created\":1700000000,\"model\":\"alias-model\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello there\","
                + "\"reasoning_content\":\"hm\"},\"logprobs\":null,\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":7,\"total_tokens\":15}}");
  }

  @ParameterizedTest
  @CsvSource({
    "END_TURN,stop",
    "MAX_TOKENS,length",
    "STOP_SEQUENCE,stop",
    "TOOL_USE,tool_calls",
    "CONTENT_FILTER,content_filter",
    "REFUSAL,stop",
    "PAUSE,stop",
    "OTHER,stop"
  })
  void everyStopReasonIsWritten(StopReason reason, String finishReason) {
    ChatResponse response =
        new ChatResponse("id", "m", 1, List.of(new Part.Text("x")), reason, Usage.NONE);

    JsonNode out = Goldens.tree(codec.encodeResponse(response, request, FixedContext.create()));

    assertThat(out.path("choices").path(0).path("finish_reason").asText()).isEqualTo(finishReason);
  }

  @ParameterizedTest
  @CsvSource({
    "stop,END_TURN",
    "length,MAX_TOKENS",
    "tool_calls,TOOL_USE",
    "function_call,TOOL_USE",
    "content_filter,CONTENT_FILTER",
    "surprise,OTHER"
  })
  void everyFinishReasonIsRead(String finishReason, StopReason reason) {
    String body =
        "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"a\"},\"finish_reason\":\""
            + finishReason
            + "\"}]}";

    assertThat(codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)).stopReason())
        .isEqualTo(reason);
  }

  @Test
  void stopAfterToolCallsStillMeansTheModelWaitsForResultsAndARefusalIsARefusal() {
    String toolsWithStop =
        "{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\","
            + "\"arguments\":\"\"}}]},\"finish_reason\":\"stop\"}]}";
    String refusal =
        "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't.\"},"
            + "\"finish_reason\":\"stop\"}]}";

    ChatResponse tools = codec.decodeResponse(toolsWithStop.getBytes(StandardCharsets.UTF_8));
    ChatResponse refused = codec.decodeResponse(refusal.getBytes(StandardCharsets.UTF_8));

    assertThat(tools.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(tools.content())
        .containsExactly(new Part.ToolCall("c", "f", "{}", Optional.empty()));
    assertThat(refused.stopReason()).isEqualTo(StopReason.REFUSAL);
    assertThat(refused.content()).containsExactly(new Part.Text("I can't."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "{\"choices\":[]}", "{\"choices\":\"x\"}", "null"})
  void unreadableUpstreamAnswersAre502(String body) {
    assertThatThrownBy(() -> codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(502);
              assertThat(e.error().kind()).isEqualTo(ProxyError.Kind.UPSTREAM);
            });
  }

  @Test
  void errorsUseTheOpenAiBody() {
    ProxyError error =
        new ProxyError(
            429,
            ProxyError.Kind.RATE_LIMIT,
            "rate_limited",
            "Slow down.",
            Optional.of(Duration.ofSeconds(3)));

    assertThat(new String(codec.encodeError(error), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"error\":{\"message\":\"Slow down.\",\"type\":\"rate_limit_error\",\"param\":null,"
                + "\"code\":\"rate_limited\"}}");
    assertThat(codec.dialect()).isEqualTo(Dialect.OPENAI_CHAT);
  }
}
