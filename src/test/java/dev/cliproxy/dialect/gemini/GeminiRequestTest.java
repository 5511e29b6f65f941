package dev.cliproxy.dialect.gemini;

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
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GeminiRequestTest {
  private final GeminiCodec codec = new GeminiCodec();

  private static Signature gemini(String v) {
    return new Signature(Dialect.GEMINI, v);
  }

  private static JsonNode json(String s) {
    return Goldens.tree(s);
  }

  @Test
  void aFullRequestDecodesPartByPart() {
    ChatRequest r =
        codec.decodeRequest(Goldens.bytes("gemini/request-full.json"), "gemini-2.5-pro", true);

    assertThat(r.model()).isEqualTo("gemini-2.5-pro");
    assertThat(r.stream()).isTrue();
    assertThat(r.system())
        .containsExactly(new Part.Text("Be brief."), new Part.Text("Answer in English."));
    assertThat(r.messages())
        .containsExactly(
            new Message(
                Role.USER,
                List.of(
                    new Part.Text("What is in this picture and this file?"),
                    new Part.Image(new Media.Inline("image/png", "iVBORw0KGgo=")),
                    new Part.File(new Media.Inline("application/pdf", "JVBERi0="), ""),
                    new Part.File(
                        new Media.FileId(
                            "https://generativelanguage.googleapis.com/v1beta/files/abc",
                            "video/mp4"),
                        ""))),
            new Message(
                Role.ASSISTANT,
                List.of(
                    new Part.Thinking(
                        "Let me look at the weather first.",
                        Optional.of(gemini("c2lnLXRob3VnaHQ="))),
                    new Part.ToolCall(
                        "call_0",
                        "get_weather",
                        "{\"city\":\"Paris\"}",
                        Optional.of(gemini("c2lnLWNhbGw="))),
                    new Part.ToolCall(
                        "call_1", "get_weather", "{\"city\":\"Rome\"}", Optional.empty()),
                    new Part.ToolCall("t-9", "get_time", "{}", Optional.empty()))),
            new Message(
                Role.USER,
                List.of(
                    new Part.ToolResult("t-9", "get_time", List.of(new Part.Text("12:00")), false),
                    new Part.ToolResult(
                        "call_0", "get_weather", List.of(new Part.Text("{\"temp\":21}")), false),
                    new Part.ToolResult(
                        "call_1", "get_weather", List.of(new Part.Text("no station")), true))),
            new Message(
                Role.ASSISTANT,
                List.of(
                    new Part.Thinking("", Optional.of(gemini("c2lnLXRleHQ="))),
                    new Part.Text("Paris is 21"),
                    new Part.Text(" degrees."))));
    assertThat(r.tools())
        .containsExactly(
            new Tool.Function(
                "get_weather",
                "Weather for a city",
                json(
                    "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}"),
                false),
            new Tool.Function(
                "get_time", "", json("{\"type\":\"object\",\"properties\":{}}"), false),
            new Tool.Native(Dialect.GEMINI, json("{\"googleSearch\":{}}")));
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Named("get_weather"));
    assertThat(r.sampling())
        .isEqualTo(
            new Sampling(
                OptionalDouble.of(0.5),
                OptionalDouble.of(0.9),
                OptionalInt.of(40),
                OptionalInt.of(1024),
                List.of("END"),
                OptionalLong.of(7),
                OptionalDouble.of(0.1),
                OptionalDouble.of(0.2),
                OptionalInt.of(1)));
    assertThat(r.reasoning()).contains(new Reasoning(Optional.empty(), OptionalInt.of(2048), true));
    assertThat(r.responseFormat())
        .isEqualTo(
            new ResponseFormat.JsonSchema(
                "",
                json("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}}}"),
                false));
  }

  @Test
  void aGeminiRequestSurvivesTheRoundTrip() {
    ChatRequest r = codec.decodeRequest(Goldens.bytes("gemini/request-full.json"), "m", false);

    JsonNode encoded = Goldens.tree(codec.encodeRequest(r, FixedContext.create()));

    assertThat(encoded).isEqualTo(Goldens.json("gemini/request-full.encoded.json"));
  }

  @Test
  void aRequestFromAnotherDialectIsWrittenTheWayGeminiNeedsIt() {
    ChatRequest r =
        new ChatRequest(
            "gemini-3-pro-preview",
            List.of(new Part.Text("You are helpful.")),
            List.of(
                new Message(Role.SYSTEM, List.of(new Part.Text("Use tools."))),
                new Message(Role.USER, List.of(new Part.Text("Hi"))),
                new Message(
                    Role.USER,
                    List.of(
                        new Part.Text("Look:"),
                        new Part.Image(new Media.Url("data:image/jpeg;base64,/9j/4AA=", "")),
                        new Part.Image(new Media.Url("https://example.com/cat.png", "image/png")))),
                new Message(
                    Role.ASSISTANT,
                    List.of(
                        new Part.Thinking(
                            "I should read files",
                            Optional.of(new Signature(Dialect.CLAUDE, "EqQB"))),
                        new Part.RedactedThinking(new Signature(Dialect.CLAUDE, "xyz")),
                        new Part.Text("Checking."),
                        new Part.ToolCall(
                            "toolu_01", "read_file", "{\"path\":\"a.txt\"}", Optional.empty()),
                        new Part.ToolCall(
                            "toolu_02",
                            "read_file",
                            "{\"path\": \"b.txt\"}",
                            Optional.of(new Signature(Dialect.CLAUDE, "nope"))))),
                new Message(
                    Role.USER,
                    List.of(
                        new Part.ToolResult("toolu_01", "", List.of(new Part.Text("alpha")), false),
                        new Part.ToolResult(
                            "toolu_02",
                            "",
                            List.of(
                                new Part.Text("see image"),
                                new Part.Image(new Media.Inline("image/png", "iVBORw0KGgo="))),
                            false))),
                new Message(Role.SYSTEM, List.of(new Part.Text("Remember: be careful.")))),
            List.of(
                new Tool.Function(
                    "read_file",
                    "Read a file",
                    json(
                        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                            + "\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"],"
                            + "\"additionalProperties\":false}"),
                    true),
                new Tool.Native(
                    Dialect.CLAUDE,
                    json("{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}"))),
            new ToolChoice.Required(false),
            new Sampling(
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty(),
                OptionalInt.of(4096),
                List.of(),
                OptionalLong.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty()),
            Optional.of(
                new Reasoning(Optional.of(Reasoning.Effort.HIGH), OptionalInt.empty(), false)),
            ResponseFormat.TEXT,
            true,
            Optional.empty());

    JsonNode encoded = Goldens.tree(codec.encodeRequest(r, FixedContext.create()));

    assertThat(encoded).isEqualTo(Goldens.json("gemini/request-foreign.encoded.json"));
  }

  @Test
  void foreignSignaturesAreDroppedAndCallsGetTheValidatorBypass() {
    Optional<Signature> claude = Optional.of(new Signature(Dialect.CLAUDE, "c"));
    Optional<Signature> gemini = Optional.of(gemini("g"));

    assertThat(GeminiSignatures.forUpstream(claude)).isEmpty();
    assertThat(GeminiSignatures.forUpstream(gemini)).contains("g");
    assertThat(GeminiSignatures.forUpstreamCall(claude))
        .isEqualTo("skip_thought_signature_validator");
    assertThat(GeminiSignatures.forUpstreamCall(Optional.empty()))
        .isEqualTo("skip_thought_signature_validator");
    assertThat(GeminiSignatures.forUpstreamCall(gemini)).isEqualTo("g");
  }

  @Test
  void toolChoiceModesAndThinkingLevelsDecode() {
    ChatRequest none =
        decode(
            "{\"contents\":[],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}},"
                + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":\"HIGH\",\"includeThoughts\":true}}}");
    ChatRequest any =
        decode(
            "{\"contents\":[],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\","
                + "\"allowedFunctionNames\":[\"a\",\"b\"]}},\"generationConfig\":{\"responseMimeType\":\"application/json\"}}");
    ChatRequest auto =
        decode("{\"contents\":[],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"AUTO\"}}}");

    assertThat(none.toolChoice()).isEqualTo(new ToolChoice.None());
    assertThat(none.reasoning())
        .contains(new Reasoning(Optional.of(Reasoning.Effort.HIGH), OptionalInt.empty(), true));
    assertThat(any.toolChoice()).isEqualTo(new ToolChoice.Required(true));
    assertThat(any.responseFormat()).isEqualTo(new ResponseFormat.JsonObject());
    assertThat(auto.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(auto.reasoning()).isEmpty();
  }

  @Test
  void thinkingOffIsSentAsBudgetZeroWithoutThoughts() {
    ChatRequest r =
        decode(
            "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":0}}}");

    JsonNode encoded = Goldens.tree(codec.encodeRequest(r, FixedContext.create()));

    assertThat(encoded.get("generationConfig").toString())
        .isEqualTo("{\"thinkingConfig\":{\"thinkingBudget\":0,\"includeThoughts\":false}}");
  }

  @Test
  void unusableRequestsAreRefusedNamingTheField() {
    assertRefused("not json", "not valid JSON");
    assertRefused("[1,2]", "must be a JSON object");
    assertRefused("{\"contents\":{}}", "contents must be an array");
    assertRefused("{\"contents\":[1]}", "contents[0] must be an object");
    assertRefused("{\"contents\":[{\"role\":\"bot\",\"parts\":[]}]}", "contents[0].role must be");
    assertRefused(
        "{\"contents\":[{\"parts\":[{\"text\":5}]}]}",
        "contents[0].parts[0].text must be a string");
    assertRefused(
        "{\"contents\":[{\"parts\":[{\"functionCall\":{\"args\":{}}}]}]}",
        "contents[0].parts[0].functionCall.name is required");
    assertRefused(
        "{\"contents\":[{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":[1]}}]}]}",
        "functionCall.args must be an object");
    assertRefused(
        "{\"generationConfig\":{\"temperature\":\"hot\"}}",
        "generationConfig.temperature must be a number");
    assertRefused(
        "{\"generationConfig\":{\"topK\":1.5}}", "generationConfig.topK must be an integer");
    assertRefused(
        "{\"tools\":[{\"functionDeclarations\":[{}]}]}",
        "functionDeclarations[0].name is required");
    assertRefused("[".repeat(100_000), "not valid JSON");
    assertRefused("{\"a\":".repeat(100_000), "not valid JSON");
  }

  private void assertRefused(String body, String message) {
    assertThatThrownBy(() -> decode(body))
        .isInstanceOf(ProxyException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ProxyException) e).error().status()).isEqualTo(400));
  }

  private ChatRequest decode(String body) {
    return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), "m", false);
  }
}
