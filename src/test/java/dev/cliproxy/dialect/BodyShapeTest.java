package dev.cliproxy.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-dialect body shapes, checked by {@link RequestHead#read(byte[], BodyShape)}. */
class BodyShapeTest {

  private static RequestHead read(String body, BodyShape shape) {
    return RequestHead.read(body.getBytes(StandardCharsets.UTF_8), shape);
  }

  private static void refused(String body, BodyShape shape, String code, String message) {
    assertThatThrownBy(() -> read(body, shape))
        .as(body)
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(400);
              assertThat(e.error().kind()).isEqualTo(ProxyError.Kind.INVALID_REQUEST);
              assertThat(e.error().code()).isEqualTo(code);
              assertThat(e.error().message()).isEqualTo(message);
            });
  }

  private static void accepted(String body, BodyShape shape) {
    assertThatCode(() -> read(body, shape)).as(body).doesNotThrowAnyException();
  }

  @Test
  void openAiChatMessagesMustBeAnArray() {
    refused(
        "{\"model\":\"x\",\"messages\":1e308}",
        BodyShape.OPENAI_CHAT,
        "invalid_type",
        "'messages' must be an array, got a number");
    refused(
        "{\"model\":\"x\",\"messages\":{\"role\":\"user\"}}",
        BodyShape.OPENAI_CHAT,
        "invalid_type",
        "'messages' must be an array, got an object");
    accepted(
        "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        BodyShape.OPENAI_CHAT);
  }

  @Test
  void eachMessageContentAndInputItemMustBeAnObject() {
    refused(
        "{\"model\":\"x\",\"messages\":[{\"role\":\"user\"},1]}",
        BodyShape.OPENAI_CHAT,
        "invalid_type",
        "'messages[1]' must be an object, got a number");
    refused(
        "{\"model\":\"x\",\"messages\":[null]}",
        BodyShape.CLAUDE_MESSAGES,
        "invalid_type",
        "'messages[0]' must be an object, got null");
    refused(
        "{\"model\":\"x\",\"input\":[\"hi\"]}",
        BodyShape.OPENAI_RESPONSES,
        "invalid_type",
        "'input[0]' must be an object, got a string");
    refused(
        "{\"contents\":[[]]}",
        BodyShape.GEMINI,
        "invalid_type",
        "'contents[0]' must be an object, got an array");
    refused(
        "{\"request\":{\"contents\":[true]}}",
        BodyShape.GEMINI_CLI,
        "invalid_type",
        "'request.contents[0]' must be an object, got a boolean");
    accepted(
        "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":[1,[2]]},{}],\"n\":1}",
        BodyShape.OPENAI_CHAT);
  }

  @Test
  void openAiChatMessagesAreRequired() {
    refused(
        "{\"model\":\"x\"}",
        BodyShape.OPENAI_CHAT,
        "missing_field",
        "'messages' is required (an array).");
    refused(
        "{\"model\":\"x\",\"messages\":null}",
        BodyShape.OPENAI_CHAT,
        "missing_field",
        "'messages' is required (an array).");
  }

  @Test
  void legacyCompletionsPromptIsARequiredStringOrArray() {
    accepted("{\"model\":\"x\",\"prompt\":\"hi\"}", BodyShape.OPENAI_COMPLETIONS);
    accepted("{\"model\":\"x\",\"prompt\":[\"hi\"]}", BodyShape.OPENAI_COMPLETIONS);
    accepted("{\"model\":\"x\",\"prompt\":[[1,2]]}", BodyShape.OPENAI_COMPLETIONS);
    refused(
        "{\"model\":\"x\"}",
        BodyShape.OPENAI_COMPLETIONS,
        "missing_field",
        "'prompt' is required (a string or an array).");
    refused(
        "{\"model\":\"x\",\"prompt\":true}",
        BodyShape.OPENAI_COMPLETIONS,
        "invalid_type",
        "'prompt' must be a string or an array, got a boolean");
  }

  @Test
  void responsesInputIsAStringOrAnArray() {
    accepted("{\"model\":\"x\",\"input\":\"hi\"}", BodyShape.OPENAI_RESPONSES);
    accepted("{\"model\":\"x\",\"input\":[{\"role\":\"user\"}]}", BodyShape.OPENAI_RESPONSES);
    refused(
        "{\"model\":\"x\",\"input\":{\"role\":\"user\"}}",
        BodyShape.OPENAI_RESPONSES,
        "invalid_type",
        "'input' must be a string or an array, got an object");
  }

  @Test
  void claudeMessagesSystemAndMaxTokens() {
    accepted(
        "{\"model\":\"x\",\"max_tokens\":1024,\"system\":\"be brief\",\"messages\":[]}",
        BodyShape.CLAUDE_MESSAGES);
    accepted(
        "{\"model\":\"x\",\"max_tokens\":1.0,\"system\":[{\"type\":\"text\"}],\"messages\":[]}",
        BodyShape.CLAUDE_MESSAGES);
    refused(
        "{\"model\":\"x\",\"messages\":\"hi\"}",
        BodyShape.CLAUDE_MESSAGES,
        "invalid_type",
        "'messages' must be an array, got a string");
    refused(
        "{\"model\":\"x\",\"messages\":[],\"system\":{\"type\":\"text\"}}",
        BodyShape.CLAUDE_MESSAGES,
        "invalid_type",
        "'system' must be a string or an array, got an object");
    refused(
        "{\"model\":\"x\",\"messages\":[],\"max_tokens\":\"1024\"}",
        BodyShape.CLAUDE_MESSAGES,
        "invalid_type",
        "'max_tokens' must be a number, got a string");
  }

  @Test
  void geminiContentsMustBeAnArray() {
    accepted("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", BodyShape.GEMINI);
    refused(
        "{\"contents\":{\"parts\":[]}}",
        BodyShape.GEMINI,
        "invalid_type",
        "'contents' must be an array, got an object");
  }

  @Test
  void geminiCliRequestIsAnObjectWhoseContentsIsAnArray() {
    accepted(
        "{\"model\":\"g\",\"project\":\"p\",\"request\":{\"contents\":[],\"model\":7}}",
        BodyShape.GEMINI_CLI);
    refused(
        "{\"model\":\"g\",\"request\":[]}",
        BodyShape.GEMINI_CLI,
        "invalid_type",
        "'request' must be an object, got an array");
    refused(
        "{\"model\":\"g\",\"request\":{\"generationConfig\":{},\"contents\":\"hi\"}}",
        BodyShape.GEMINI_CLI,
        "invalid_type",
        "'request.contents' must be an array, got a string");
  }

  @Test
  void theEnvelopeStillFindsTheTopLevelModelAndStream() {
    RequestHead head =
        read(
            "{\"request\":{\"contents\":[],\"model\":\"inner\",\"stream\":1},\"model\":\"outer\","
                + "\"stream\":true}",
            BodyShape.GEMINI_CLI);

    assertThat(head.model()).hasValue("outer");
    assertThat(head.stream()).isTrue();
  }

  @Test
  void onlyTheTopLevelIsChecked() {
    accepted(
        "{\"model\":\"x\",\"messages\":[{\"messages\":1,\"content\":{\"messages\":\"s\"}}],"
            + "\"metadata\":{\"messages\":false}}",
        BodyShape.OPENAI_CHAT);
    accepted("{\"contents\":[],\"metadata\":{\"request\":1}}", BodyShape.GEMINI_CLI);
  }

  @Test
  void otherDialectsFieldsAreNotChecked() {
    accepted("{\"model\":\"x\",\"messages\":[],\"input\":1,\"contents\":2}", BodyShape.OPENAI_CHAT);
    accepted("{\"model\":\"x\",\"messages\":1e308}", BodyShape.ANY);
    accepted("{\"model\":\"x\",\"messages\":1e308}", BodyShape.GEMINI);
  }

  @Test
  void theOneArgumentReadChecksNoShape() {
    assertThat(RequestHead.read("{\"messages\":1}".getBytes(StandardCharsets.UTF_8)).model())
        .isEmpty();
  }

  @Test
  void aShapedBuilderNamesEveryAllowedKind() {
    BodyShape shape =
        BodyShape.builder()
            .field("n", BodyShape.Kind.NUMBER, BodyShape.Kind.STRING, BodyShape.Kind.BOOLEAN)
            .build();

    refused(
        "{\"n\":[]}",
        shape,
        "invalid_type",
        "'n' must be a string or a number or a boolean, got an array");
  }
}
