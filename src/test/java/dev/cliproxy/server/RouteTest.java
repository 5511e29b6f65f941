package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.gateway.ClientApi;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void eachDialectHasItsEndpoints() {
    assertThat(Route.match("POST", "/v1/chat/completions").api()).hasValue(ClientApi.OPENAI_CHAT);
    assertThat(Route.match("POST", "/v1/completions").api()).hasValue(ClientApi.OPENAI_COMPLETIONS);
    assertThat(Route.match("POST", "/v1/responses").api()).hasValue(ClientApi.OPENAI_RESPONSES);
    assertThat(Route.match("POST", "/responses").api()).hasValue(ClientApi.OPENAI_RESPONSES);
    assertThat(Route.match("POST", "/v1/messages").api()).hasValue(ClientApi.CLAUDE_MESSAGES);
    assertThat(Route.match("POST", "/v1/messages/count_tokens").kind())
        .isEqualTo(Route.Kind.COUNT_TOKENS);
  }

  @Test
  void geminiPathsNameTheModelAndTheStreamFlag() {
    Route generate = Route.match("POST", "/v1beta/models/gemini-2.5-pro:generateContent");
    assertThat(generate)
        .isEqualTo(
            new Route(
                Route.Kind.MODEL_CALL,
                Optional.of(ClientApi.GEMINI),
                Optional.of("gemini-2.5-pro"),
                false));
    Route stream = Route.match("POST", "/v1/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(stream.pathModel()).hasValue("gemini-2.5-flash");
    assertThat(stream.pathStream()).isTrue();
    assertThat(Route.match("POST", "/v1beta/models/m:countTokens").kind())
        .isEqualTo(Route.Kind.COUNT_TOKENS);
    assertThat(Route.match("POST", "/v1beta/models/m:frobnicate").kind())
        .isEqualTo(Route.Kind.UNKNOWN);
    assertThat(Route.match("POST", "/v1beta/models/a/b:generateContent").kind())
        .isEqualTo(Route.Kind.UNKNOWN);
  }

  @Test
  void theGeminiCliEnvelopeRoutesTakeTheModelFromTheBody() {
    Route cli = Route.match("POST", "/v1internal:streamGenerateContent");
    assertThat(cli.api()).hasValue(ClientApi.GEMINI_CLI);
    assertThat(cli.pathModel()).isEmpty();
    assertThat(cli.pathStream()).isTrue();
  }

  @Test
  void everyOtherCodeAssistMethodIsASetupCallAfterTheModelCalls() {
    assertThat(Route.match("POST", "/v1internal:loadCodeAssist").kind())
        .isEqualTo(Route.Kind.CODE_ASSIST_SETUP);
    assertThat(Route.match("GET", "/v1internal/operations/x").kind())
        .isEqualTo(Route.Kind.CODE_ASSIST_SETUP);
    assertThat(Route.match("POST", "/v1internal:countTokens").kind())
        .isEqualTo(Route.Kind.COUNT_TOKENS);
    assertThat(Route.match("POST", "/v1internal:generateContent").kind())
        .isEqualTo(Route.Kind.MODEL_CALL);
    assertThat(Route.match("POST", "/v1beta:loadCodeAssist").kind()).isEqualTo(Route.Kind.UNKNOWN);
  }

  @Test
  void listsHelloAndWrongMethods() {
    assertThat(Route.match("GET", "/v1/models").kind()).isEqualTo(Route.Kind.MODELS);
    assertThat(Route.match("GET", "/v1beta/models").kind()).isEqualTo(Route.Kind.GEMINI_MODELS);
    assertThat(Route.match("HEAD", "/api/hello").kind()).isEqualTo(Route.Kind.HELLO);
    assertThat(Route.match("GET", "/v1/messages").kind()).isEqualTo(Route.Kind.WRONG_METHOD);
    assertThat(Route.match("GET", "/v1/messages").api()).hasValue(ClientApi.CLAUDE_MESSAGES);
  }
}
