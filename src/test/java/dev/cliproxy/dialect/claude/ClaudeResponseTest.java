package dev.cliproxy.dialect.claude;

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
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeResponseTest {
  private final ClaudeCodec codec = new ClaudeCodec();
  private final ChatRequest request =
      codec.decodeRequest(
          "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
              .getBytes(StandardCharsets.UTF_8));

  @Test
  void anAnswerWithThinkingAndParallelToolCallsDecodes() {
    ChatResponse r = codec.decodeResponse(Goldens.bytes("claude/response-thinking-tools.json"));
    assertThat(r)
        .isEqualTo(
            new ChatResponse(
                "msg_01XFDUDYJgAACzvnptvVoYEL",
                "claude-sonnet-4-5-20250929",
                0,
                List.of(
                    new Part.Thinking(
                        "I need the weather in two cities.",
                        Optional.of(new Signature(Dialect.CLAUDE, "EuYBCkQYAiJAbWs0q2U="))),
                    new Part.RedactedThinking(new Signature(Dialect.CLAUDE, "EmwKAhgBEgy3va3pzix")),
                    new Part.Text("Checking both."),
                    new Part.ToolCall(
                        "toolu_01A", "get_weather", "{\"city\":\"Paris\"}", Optional.empty()),
                    new Part.ToolCall(
                        "toolu_01B", "get_weather", "{\"city\":\"Oslo\"}", Optional.empty())),
                StopReason.TOOL_USE,
                new Usage(30, 1000, 200, 80, 0)));
  }

  @Test
  void itEncodesBackByteForByte() {
    ChatResponse r = codec.decodeResponse(Goldens.bytes("claude/response-thinking-tools.json"));
    assertThat(
            new String(
                codec.encodeResponse(r, request, FixedContext.create()), StandardCharsets.UTF_8))
        .isEqualTo(Goldens.compact("claude/response-thinking-tools.json"));
  }

  @Test
  void theCapturedNonStreamingAnswersDecode() {
    ChatResponse r =
        codec.decodeResponse(
            Goldens.bytes(
                "claude/captures/claude-code__nonstream-fallback-hi__02-anthropic.messages.response.json"));
    assertThat(r.content()).containsExactly(new Part.Text("hi"));
    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.usage()).isEqualTo(new Usage(12, 0, 0, 3, 0));
    assertThat(
            codec
                .decodeResponse(
                    Goldens.bytes("claude/captures/sdk__all__08-anthropic.messages.response.json"))
                .model())
        .isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void anAnswerFromAnotherProviderGetsIdsModelAndNoForeignSignature() {
    ChatResponse gemini =
        new ChatResponse(
            "",
            "",
            1_700_000_000L,
            List.of(
                new Part.Thinking("hmm", Optional.of(new Signature(Dialect.GEMINI, "CiQB"))),
                new Part.RedactedThinking(new Signature(Dialect.OPENAI_RESPONSES, "gAAA")),
                new Part.ToolCall("", "f", "{}", Optional.of(new Signature(Dialect.GEMINI, "x")))),
            StopReason.CONTENT_FILTER,
            new Usage(5, 0, 0, 7, 3));
    assertThat(
            new String(
                codec.encodeResponse(gemini, request, FixedContext.create()),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"id\":\"msg_000000000000000000000001\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_000000000000000000000002\",\"name\":\"f\",\"input\":{}}],"
                + "\"stop_reason\":\"refusal\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":7}}");
  }

  @ParameterizedTest
  @CsvSource({
    "end_turn, END_TURN, end_turn",
    "max_tokens, MAX_TOKENS, max_tokens",
    "model_context_window_exceeded, MAX_TOKENS, max_tokens",
    "stop_sequence, STOP_SEQUENCE, stop_sequence",
    "tool_use, TOOL_USE, tool_use",
    "refusal, REFUSAL, refusal",
    "pause_turn, PAUSE, pause_turn",
    "something_new, OTHER, end_turn",
  })
  void everyStopReason(String claude, StopReason canonical, String back) {
    ChatResponse r =
        codec.decodeResponse(
            ("{\"id\":\"msg_1\",\"model\":\"m\",\"content\":[],\"stop_reason\":\"" + claude + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(r.stopReason()).isEqualTo(canonical);
    assertThat(
            new String(
                codec.encodeResponse(r, request, FixedContext.create()), StandardCharsets.UTF_8))
        .contains("\"stop_reason\":\"" + back + "\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html>502</html>",
        "{\"content\":[]}",
        "{\"id\":\"m\",\"content\":\"x\"}",
        "{\"id\":\"m\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\"}]}",
        "{\"id\":\"m\",\"content\":[],\"usage\":{\"output_tokens\":\"many\"}}",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
      })
  void unreadableUpstreamAnswersAre502s(String body) {
    assertThatThrownBy(() -> codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(502);
              assertThat(e.error().kind()).isEqualTo(ProxyError.Kind.UPSTREAM);
            });
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_REQUEST, invalid_request_error",
    "401, AUTHENTICATION, authentication_error",
    "403, PERMISSION, permission_error",
    "404, NOT_FOUND, not_found_error",
    "413, REQUEST_TOO_LARGE, request_too_large",
    "429, RATE_LIMIT, rate_limit_error",
    "502, UPSTREAM, api_error",
    "529, UPSTREAM, overloaded_error",
    "503, UPSTREAM, overloaded_error",
    "500, INTERNAL, api_error",
  })
  void errorsUseClaudesTypeNames(int status, ProxyError.Kind kind, String type) {
    ProxyError error =
        new ProxyError(
            status, kind, "code", "what \"went\" wrong", Optional.of(Duration.ofSeconds(3)));
    assertThat(new String(codec.encodeError(error), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"error\",\"error\":{\"type\":\""
                + type
                + "\",\"message\":\"what \\\"went\\\" wrong\"}}");
  }
}
