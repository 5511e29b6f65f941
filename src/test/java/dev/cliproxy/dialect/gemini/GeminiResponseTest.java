package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class GeminiResponseTest {
  private final GeminiCodec codec = new GeminiCodec();

  private static final ChatResponse THINKING_AND_TOOLS =
      new ChatResponse(
          "resp-1",
          "gemini-2.5-pro",
          1735689600L,
          List.of(
              new Part.Thinking(
                  "Thinking about it", Optional.of(new Signature(Dialect.GEMINI, "sigA"))),
              new Part.Text("Calling tools."),
              new Part.ToolCall(
                  "call_resp-1_0",
                  "get_weather",
                  "{\"city\":\"Paris\"}",
                  Optional.of(new Signature(Dialect.GEMINI, "sigB"))),
              new Part.ToolCall(
                  "call_resp-1_1", "get_weather", "{\"city\":\"Rome\"}", Optional.empty())),
          StopReason.TOOL_USE,
          new Usage(60, 40, 0, 50, 30));

  @Test
  void anAnswerWithThinkingParallelCallsAndCachedUsageDecodes() {
    assertThat(codec.decodeResponse(Goldens.bytes("gemini/response-thinking-tools.json")))
        .isEqualTo(THINKING_AND_TOOLS);
  }

  @Test
  void anAnswerEncodesByteForByte() {
    byte[] out = codec.encodeResponse(THINKING_AND_TOOLS, request(), FixedContext.create());

    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo(Goldens.text("gemini/response-thinking-tools.encoded.json"));
  }

  @Test
  void claudesSignatureReachesGeminiClientsWrappedButRedactedThinkingDoesNot() {
    ChatResponse claude =
        new ChatResponse(
            "msg_1",
            "",
            0,
            List.of(
                new Part.Thinking("hm", Optional.of(new Signature(Dialect.CLAUDE, "x"))),
                new Part.RedactedThinking(new Signature(Dialect.CLAUDE, "y")),
                new Part.Text("ok")),
            StopReason.MAX_TOKENS,
            new Usage(3, 0, 2, 4, 0));

    String out = new String(codec.encodeResponse(claude, request(), FixedContext.create()));

    assertThat(out)
        .isEqualTo(
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hm\",\"thought\":true,"
                + "\"thoughtSignature\":\"Y2xpcHJveHktc2lnLTE6Y2xhdWRlOng=\"},"
                + "{\"text\":\"ok\"}]},\"finishReason\":\"MAX_TOKENS\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":4,\"totalTokenCount\":9},"
                + "\"modelVersion\":\"gemini-x\",\"responseId\":\"msg_1\"}");
  }

  @ParameterizedTest
  @CsvSource({
    "STOP, false, END_TURN",
    "STOP, true, TOOL_USE",
    "MAX_TOKENS, false, MAX_TOKENS",
    "SAFETY, false, CONTENT_FILTER",
    "RECITATION, false, CONTENT_FILTER",
    "PROHIBITED_CONTENT, false, CONTENT_FILTER",
    "MALFORMED_FUNCTION_CALL, false, OTHER",
    "OTHER, false, OTHER"
  })
  void everyFinishReasonMaps(String finishReason, boolean call, StopReason expected) {
    String part = call ? "{\"functionCall\":{\"name\":\"f\",\"args\":{}}}" : "{\"text\":\"x\"}";
    String body =
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
            + part
            + "]},\"finishReason\":\""
            + finishReason
            + "\"}]}";

    assertThat(codec.decodeResponse(body.getBytes()).stopReason()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "END_TURN, STOP",
    "STOP_SEQUENCE, STOP",
    "TOOL_USE, STOP",
    "PAUSE, STOP",
    "MAX_TOKENS, MAX_TOKENS",
    "CONTENT_FILTER, SAFETY",
    "REFUSAL, SAFETY",
    "OTHER, OTHER"
  })
  void everyStopReasonEncodes(StopReason reason, String finishReason) {
    ChatResponse r = new ChatResponse("i", "m", 0, List.of(), reason, Usage.NONE);

    assertThat(
            Goldens.tree(codec.encodeResponse(r, request(), FixedContext.create()))
                .at("/candidates/0/finishReason")
                .asText())
        .isEqualTo(finishReason);
  }

  @Test
  void aBlockedPromptIsAContentFilterStop() {
    ChatResponse r =
        codec.decodeResponse(
            "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":7,\"totalTokenCount\":7}}"
                .getBytes());

    assertThat(r.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(r.content()).isEmpty();
    assertThat(r.usage()).isEqualTo(new Usage(7, 0, 0, 0, 0));
  }

  @Test
  void unreadableAnswersAreUpstreamFailures() {
    for (String body :
        List.of(
            "<html>",
            "{\"candidates\":\"x\"}",
            "{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\"}}")) {
      assertThatThrownBy(() -> codec.decodeResponse(body.getBytes()))
          .isInstanceOf(ProxyException.class)
          .satisfies(e -> assertThat(((ProxyException) e).error().status()).isEqualTo(502));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_REQUEST, INVALID_ARGUMENT",
    "401, AUTHENTICATION, UNAUTHENTICATED",
    "403, PERMISSION, PERMISSION_DENIED",
    "404, NOT_FOUND, NOT_FOUND",
    "413, REQUEST_TOO_LARGE, INVALID_ARGUMENT",
    "429, RATE_LIMIT, RESOURCE_EXHAUSTED",
    "502, UPSTREAM, UNAVAILABLE",
    "500, INTERNAL, INTERNAL"
  })
  void errorsUseGoogleStatusNames(int status, ProxyError.Kind kind, String name) {
    ProxyError error =
        new ProxyError(status, kind, "code", "say \"why\"", Optional.of(Duration.ofSeconds(2)));

    assertThat(new String(codec.encodeError(error)))
        .isEqualTo(
            "{\"error\":{\"code\":"
                + status
                + ",\"message\":\"say \\\"why\\\"\",\"status\":\""
                + name
                + "\"}}");
  }

  private static ChatRequest request() {
    return new GeminiCodec().decodeRequest("{\"contents\":[]}".getBytes(), "gemini-x", false);
  }
}
