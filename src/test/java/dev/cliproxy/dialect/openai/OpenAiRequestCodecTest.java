package dev.cliproxy.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestCodecTest {
  private final OpenAiChatCodec codec = new OpenAiChatCodec();

  private ChatRequest decode(String body) {
    return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode roundTrip(String golden) {
    ChatRequest request = codec.decodeRequest(Goldens.bytes("openai/" + golden));
    return Goldens.tree(codec.encodeRequest(request, FixedContext.create()));
  }

  @Test
  void leadingSystemAndDeveloperMessagesBecomeTheSystemAndLaterOnesStayInPlace() {
    ChatRequest request = codec.decodeRequest(Goldens.bytes("openai/request-conversation.json"));

    assertThat(request.system())
        .containsExactly(new Part.Text("You are terse."), new Part.Text("Answer in English."));
    assertThat(request.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.SYSTEM, Role.USER);
    assertThat(request.messages().get(2).parts()).containsExactly(new Part.Text("Now be verbose."));
  }

  @Test
  void imagesAndFilesKeepWhereTheirBytesAre() {
    ChatRequest request = codec.decodeRequest(Goldens.bytes("openai/request-conversation.json"));

    assertThat(request.messages().getFirst().parts())
        .containsExactly(
            new Part.Text("What is in these?"),
            new Part.Image(new Media.Inline("image/png", "iVBORw0KGgo=")),
            new Part.Image(new Media.Url("https://example.com/cat.jpg", "")),
            new Part.File(new Media.Inline("application/pdf", "JVBERi0x"), "a.pdf"),
            new Part.File(new Media.FileId("file-abc123", ""), ""));
  }

  @Test
  void samplingLimitsAndFormatAreRead() {
    ChatRequest request = codec.decodeRequest(Goldens.bytes("openai/request-conversation.json"));

    Sampling s = request.sampling();
    assertThat(s.temperature()).hasValue(0.5);
    assertThat(s.topP()).hasValue(0.9);
    assertThat(s.maxOutputTokens()).hasValue(300);
    assertThat(s.stopSequences()).containsExactly("END");
    assertThat(s.seed()).hasValue(42);
    assertThat(s.candidateCount()).hasValue(1);
    assertThat(request.responseFormat()).isInstanceOf(ResponseFormat.JsonSchema.class);
    assertThat(((ResponseFormat.JsonSchema) request.responseFormat()).strict()).isTrue();
    assertThat(request.stream()).isTrue();
    assertThat(request.user()).hasValue("user-7");
  }

  @Test
  void conversationReEncodesAsTheGoldenUpstreamRequest() {
    assertThat(roundTrip("request-conversation.json"))
        .isEqualTo(Goldens.json("openai/upstream-conversation.json"));
  }

  @Test
  void consecutiveToolMessagesMergeIntoOneUserMessageWithNamesFromTheCalls() {
    ChatRequest request = codec.decodeRequest(Goldens.bytes("openai/request-tools.json"));

    assertThat(request.messages()).hasSize(4);
    assertThat(request.messages().get(1).parts())
        .containsExactly(
            new Part.Thinking("Two cities, two calls.", Optional.empty()),
            new Part.ToolCall("call_A", "get_weather", "{\"city\":\"Paris\"}", Optional.empty()),
            new Part.ToolCall("call_B", "get_time", "{\"city\":\"Rome\"}", Optional.empty()));
    assertThat(request.messages().get(2))
        .isEqualTo(
            new Message(
                Role.USER,
                List.of(
                    new Part.ToolResult(
                        "call_A", "get_weather", List.of(new Part.Text("18C")), false),
                    new Part.ToolResult(
                        "call_B", "get_time", List.of(new Part.Text("14:00")), false))));
    assertThat(request.messages().get(3).role()).isEqualTo(Role.USER);
    assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Required(false));
    assertThat(request.reasoning())
        .hasValue(new Reasoning(Optional.of(Reasoning.Effort.HIGH), OptionalInt.empty(), true));
  }

  @Test
  void toolsReEncodeAsTheGoldenUpstreamRequestWithOneToolMessagePerResult() {
    assertThat(roundTrip("request-tools.json"))
        .isEqualTo(Goldens.json("openai/upstream-tools.json"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"auto\"|true|Auto[parallel=true]",
        "\"none\"|true|None[]",
        "\"required\"|true|Required[parallel=true]",
        "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}|true|Named[name=f]",
        "\"auto\"|false|Auto[parallel=false]"
      })
  void toolChoicesAreRead(String choice, boolean parallel, String expected) {
    ChatRequest request =
        decode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":"
                + choice
                + ",\"parallel_tool_calls\":"
                + parallel
                + "}");
    assertThat(request.toolChoice().toString()).isEqualTo(expected);
  }

  @Test
  void namedToolChoiceAndAutoReasoningAreWrittenTheOpenAiWay() {
    ChatRequest request =
        decode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}");
    ChatRequest withAutoEffort =
        new ChatRequest(
            request.model(),
            request.system(),
            request.messages(),
            request.tools(),
            request.toolChoice(),
            request.sampling(),
            Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(-1), true)),
            request.responseFormat(),
            false,
            Optional.empty());

    JsonNode out = Goldens.tree(codec.encodeRequest(withAutoEffort, FixedContext.create()));

    assertThat(out.path("tool_choice").toString())
        .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}");
    assertThat(out.has("reasoning_effort")).as("auto effort is the upstream default").isFalse();
    assertThat(out.has("stream_options")).isFalse();
  }

  @Test
  void aBudgetBecomesAnEffortThroughTheOneTable() {
    ChatRequest base =
        decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    ChatRequest budget =
        new ChatRequest(
            "m",
            List.of(),
            base.messages(),
            List.of(),
            ToolChoice.AUTO,
            Sampling.DEFAULT,
            Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(8000), true)),
            ResponseFormat.TEXT,
            false,
            Optional.empty());

    JsonNode out = Goldens.tree(codec.encodeRequest(budget, FixedContext.create()));

    assertThat(out.path("reasoning_effort").asText()).isEqualTo("medium");
  }

  @Test
  void thinkingSignaturesAreNeverWrittenToChatUpstreamsWhateverTheirOrigin() {
    ChatRequest request =
        new ChatRequest(
            "m",
            List.of(),
            List.of(
                new Message(Role.USER, List.of(new Part.Text("hi"))),
                new Message(
                    Role.ASSISTANT,
                    List.of(
                        new Part.Thinking(
                            "thought", Optional.of(new Signature(Dialect.CLAUDE, "sig-claude"))),
                        new Part.RedactedThinking(new Signature(Dialect.OPENAI_CHAT, "enc")),
                        new Part.Text("hello")))),
            List.of(),
            ToolChoice.AUTO,
            Sampling.DEFAULT,
            Optional.empty(),
            ResponseFormat.TEXT,
            false,
            Optional.empty());

    String out =
        new String(codec.encodeRequest(request, FixedContext.create()), StandardCharsets.UTF_8);

    assertThat(out)
        .isEqualTo(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"reasoning_content\":\"thought\",\"content\":\"hello\"}]}");
  }

  @Test
  void toolResultsComeBeforeTheRestOfTheirUserTurnAndToolImagesFollowAsUserContent() {
    ChatRequest request =
        new ChatRequest(
            "m",
            List.of(),
            List.of(
                new Message(
                    Role.USER,
                    List.of(
                        new Part.Text("and here is a photo"),
                        new Part.ToolResult(
                            "toolu_1",
                            "shot",
                            List.of(
                                new Part.Text("done"),
                                new Part.Image(new Media.Inline("image/png", "AAAA"))),
                            true)))),
            List.of(),
            ToolChoice.AUTO,
            Sampling.DEFAULT,
            Optional.empty(),
            ResponseFormat.TEXT,
            false,
            Optional.empty());

    JsonNode out = Goldens.tree(codec.encodeRequest(request, FixedContext.create()));

    assertThat(out.path("messages").toString())
        .isEqualTo(
            "[{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"done\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"and here is a photo\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-openai.chat.json", "02-openai.chat.json", "03-openai.chat.json"})
  void everyCapturedSdkChatRequestDecodes(String file) throws Exception {
    byte[] body =
        Goldens.write(Goldens.json("openai/captures/" + file).path("request").path("body"));

    ChatRequest request = codec.decodeRequest(body);

    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(request.messages()).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|JSON object",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]|not valid JSON",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|'model' is required",
        "{\"model\":5,\"messages\":[]}|'model' must be a string",
        "{\"model\":\"m\",\"messages\":[]}|'messages' must be a non-empty array",
        "{\"model\":\"m\",\"messages\":{}}|'messages' must be an array",
        "{\"model\":\"m\",\"messages\":[7]}|'messages[0]' must be an object",
        "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}|'messages[0].role' is required",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}|'messages[0].role' must be system",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}|'messages[0].content' must be a string or an array",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}|'messages[0].content[0].image_url' is required",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AA\",\"format\":\"wav\"}}]}]}|audio input is not supported",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}|only for user messages",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_data\":\"JVBERi0x\"}}]}]}|must be a data URL",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":3}}]}]}|'messages[0].tool_calls[0].function.name' must be a string",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}|'messages[0].tool_call_id' is required",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}|'temperature' must be a number",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5}|'max_tokens' must be an integer",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[1]}|'stop[0]' must be a string",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":\"sometimes\"}|'tool_choice' must be auto",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"reasoning_effort\":\"max\"}|'reasoning_effort' must be",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":\"yaml\"}}|'response_format.type' must be",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":[]}}]}|'tools[0].function.parameters' must be a JSON Schema",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}|'stream' must be true or false"
      })
  void badRequestsAreRefusedWith400NamingTheField(String body, String message) {
    assertThatThrownBy(() -> decode(body))
        .isInstanceOfSatisfying(
            ProxyException.class, e -> assertThat(e.error().status()).isEqualTo(400))
        .hasMessageContaining(message);
  }

  @Test
  void hugeNestingIsA400NotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String body =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":"
            + deep
            + "}";

    assertThatThrownBy(() -> decode(body))
        .isInstanceOfSatisfying(
            ProxyException.class, e -> assertThat(e.error().status()).isEqualTo(400));
  }

  @Test
  void anImageUrlGivenAsAPlainStringIsAccepted() {
    ChatRequest request =
        decode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":\"https://example.com/a.png\"}]}]}");

    assertThat(request.messages().getFirst().parts())
        .containsExactly(new Part.Image(new Media.Url("https://example.com/a.png", "")));
  }

  @Test
  void nullContentAndUnknownFieldsAreTolerated() {
    ChatRequest request =
        decode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"refusal\":null}],\"logit_bias\":{},\"temperature\":null}");

    assertThat(request.messages().get(1).parts()).isEmpty();
    assertThat(request.sampling().temperature()).isEmpty();
  }
}
