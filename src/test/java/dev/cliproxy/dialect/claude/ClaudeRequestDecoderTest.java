package dev.cliproxy.dialect.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeRequestDecoderTest {
  private final ClaudeCodec codec = new ClaudeCodec();

  static Stream<String> capturedRequests() throws Exception {
    Path dir = Goldens.directory("claude/captures");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".request.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("capturedRequests")
  void everyCapturedClientRequestDecodes(String name) {
    ChatRequest r = codec.decodeRequest(Goldens.bytes("claude/captures/" + name));
    assertThat(r.model()).startsWith("claude-");
    assertThat(r.messages()).isNotEmpty();
  }

  @Test
  void claudeCodeHiKeepsItsSystemBlocksInMessageSystemTurnAdaptiveEffortAndUser() {
    ChatRequest r =
        codec.decodeRequest(
            Goldens.bytes("claude/captures/claude-code__hi__01-anthropic.messages.request.json"));
    assertThat(r.model()).isEqualTo("claude-opus-5-5");
    assertThat(r.system()).hasSize(3);
    assertThat(r.system().get(0).text()).startsWith("x-anthropic-billing-header");
    assertThat(r.messages()).extracting(Message::role).containsExactly(Role.USER, Role.SYSTEM);
    assertThat(r.messages().get(0).parts()).hasSize(3);
    assertThat(r.tools()).hasSize(12).allMatch(t -> t instanceof Tool.Function);
    // adaptive thinking with output_config.effort medium, display omitted
    assertThat(r.reasoning())
        .contains(new Reasoning(Optional.of(Reasoning.Effort.MEDIUM), OptionalInt.empty(), false));
    assertThat(r.sampling().maxOutputTokens()).hasValue(128000);
    assertThat(r.user().orElseThrow()).startsWith("{\"device_id\":");
    assertThat(r.stream()).isTrue();
  }

  @Test
  void claudeCodeToolTurnResolvesTheToolNameAndKeepsArgumentOrder() {
    ChatRequest r =
        codec.decodeRequest(
            Goldens.bytes("claude/captures/claude-code__tool__02-anthropic.messages.request.json"));
    List<Message> m = r.messages();
    assertThat(m)
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.SYSTEM, Role.ASSISTANT, Role.USER);
    assertThat(m.get(1).parts().get(0)).isInstanceOf(Part.Text.class); // string system content
    assertThat(m.get(2).parts())
        .containsExactly(
            new Part.Text("Listing files."),
            new Part.ToolCall(
                "toolu_fake8229f6c8281c8558fae43286",
                "Bash",
                "{\"command\":\"ls\",\"description\":\"List files\"}",
                Optional.empty()));
    assertThat(m.get(3).parts())
        .containsExactly(
            new Part.ToolResult(
                "toolu_fake8229f6c8281c8558fae43286",
                "Bash",
                List.of(new Part.Text("README.md\nmain.py")),
                false));
  }

  @Test
  void theFullGoldenRequestDecodesToTheseParts() {
    ChatRequest r = codec.decodeRequest(Goldens.bytes("claude/request-full.json"));
    assertThat(r.system())
        .containsExactly(new Part.Text("You are terse."), new Part.Text("Answer in English."));
    assertThat(r.messages())
        .containsExactly(
            new Message(
                Role.USER,
                List.of(
                    new Part.Text("What is in these?"),
                    new Part.Image(new Media.Inline("image/png", "iVBORw0KGgo=")),
                    new Part.Image(new Media.Url("https://example.com/cat.jpg", "")),
                    new Part.File(new Media.Inline("application/pdf", "JVBERi0x"), "spec.pdf"),
                    new Part.File(new Media.Inline("text/plain", "aGVsbG8="), ""),
                    new Part.File(new Media.FileId("file_011", ""), ""))),
            new Message(
                Role.ASSISTANT,
                List.of(
                    new Part.Thinking(
                        "Two tools at once.",
                        Optional.of(new Signature(Dialect.CLAUDE, "EqQBCkYIARgCKkBsig=="))),
                    new Part.RedactedThinking(
                        new Signature(Dialect.CLAUDE, "EmwKAhgBEgy3va3pzix/LafPsn4a")),
                    new Part.Text("Let me look."),
                    // server_tool_use and web_search_tool_result are dropped
                    new Part.ToolCall(
                        "toolu_01A",
                        "get_weather",
                        "{\"city\":\"Paris\",\"unit\":\"c\",\"days\":1.50}",
                        Optional.empty()),
                    new Part.ToolCall("toolu_01B", "get_time", "{}", Optional.empty()))),
            new Message(
                Role.USER,
                List.of(
                    new Part.ToolResult(
                        "toolu_01A", "get_weather", List.of(new Part.Text("18 C")), false),
                    new Part.ToolResult(
                        "toolu_01B",
                        "get_time",
                        List.of(
                            new Part.Text("clock broken"),
                            new Part.Image(new Media.Inline("image/gif", "R0lGOD=="))),
                        true))),
            new Message(Role.SYSTEM, List.of(new Part.Text("Environment: linux"))),
            new Message(Role.USER, List.of(new Part.Text("Thanks"))));
    assertThat(r.tools()).hasSize(4);
    assertThat(r.tools().get(0))
        .isEqualTo(
            new Tool.Function(
                "get_weather",
                "Weather by city",
                Goldens.tree(
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                        + "\"required\":[\"city\"]}"),
                false));
    assertThat(r.tools().get(2))
        .isEqualTo(
            new Tool.Native(
                Dialect.CLAUDE,
                Goldens.tree(
                    "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}")));
    assertThat(r.tools().get(3)).isInstanceOf(Tool.Native.class);
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Required(false));
    assertThat(r.sampling().temperature()).hasValue(0.5);
    assertThat(r.sampling().topP()).hasValue(0.9);
    assertThat(r.sampling().topK()).hasValue(40);
    assertThat(r.sampling().maxOutputTokens()).hasValue(4096);
    assertThat(r.sampling().stopSequences()).containsExactly("END");
    assertThat(r.reasoning()).contains(new Reasoning(Optional.empty(), OptionalInt.of(2048), true));
    assertThat(r.user()).contains("user-42");
    assertThat(r.stream()).isTrue();
  }

  @Test
  void toolChoicesAndThinkingModes() {
    assertThat(decode("\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}").toolChoice())
        .isEqualTo(new ToolChoice.Named("f"));
    assertThat(decode("\"tool_choice\":{\"type\":\"none\"}").toolChoice())
        .isEqualTo(new ToolChoice.None());
    assertThat(decode("\"tool_choice\":{\"type\":\"auto\"}").toolChoice())
        .isEqualTo(new ToolChoice.Auto(true));
    assertThat(decode("\"thinking\":{\"type\":\"disabled\"}").reasoning())
        .contains(new Reasoning(Optional.of(Reasoning.Effort.NONE), OptionalInt.of(0), false));
    assertThat(decode("\"thinking\":{\"type\":\"adaptive\"}").reasoning())
        .contains(new Reasoning(Optional.empty(), OptionalInt.of(-1), true));
    assertThat(decode("\"output_config\":{\"effort\":\"max\"}").reasoning())
        .contains(new Reasoning(Optional.of(Reasoning.Effort.XHIGH), OptionalInt.empty(), true));
    assertThat(decode("\"system\":\"Be brief.\"").system())
        .containsExactly(new Part.Text("Be brief."));
  }

  @Test
  void anEmptySignatureIsNoSignature() {
    ChatRequest r =
        decode(
            "\"messages\":[{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\"\"}]}]");
    assertThat(r.messages().get(0).parts())
        .containsExactly(new Part.Thinking("hm", Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1,2]",
        "{\"model\":1,\"messages\":[]}",
        "{\"model\":\"m\",\"messages\":{}}",
        "{\"model\":\"m\",\"messages\":[1]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
            + "\"source\":{\"type\":\"ftp\"}}]}]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
            + "\"id\":\"t\",\"name\":\"f\",\"input\":\"{}\"}]}]}",
        "{\"model\":\"m\",\"messages\":[],\"max_tokens\":\"10\"}",
        "{\"model\":\"m\",\"messages\":[],\"max_tokens\":99999999999}",
        "{\"model\":\"m\",\"messages\":[],\"thinking\":{\"type\":\"enabled\"}}",
        "{\"model\":\"m\",\"messages\":[],\"tool_choice\":{\"type\":\"sometimes\"}}",
        "{\"model\":\"m\",\"messages\":[],\"tools\":[{\"description\":\"no name\"}]}",
        "{\"model\":\"m\",\"messages\":[],\"system\":[{\"type\":\"image\",\"source\":"
            + "{\"type\":\"url\",\"url\":\"u\"}}]}",
        "{\"model\":\"m\",\"messages\":[],\"stop_sequences\":[1]}",
        "{\"model\":\"m\",\"messages\":[],\"metadata\":{\"user_id\":7}}",
      })
  void badRequestsAre400sNamingTheField(String body) {
    assertThatThrownBy(() -> codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(400);
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void theMessageNamesThePath() {
    assertThatThrownBy(() ->
            decode(
                "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":[]}]}]"))
        .hasMessage("messages[0].content[1].input: must be an object");
  }

  @Test
  void hugeNestingIsA400NotAStackOverflow() {
    String deep = "[".repeat(200_000);
    String body =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
            + "\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\":"
            + deep;
    assertThatThrownBy(() -> codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ProxyException.class, e -> assertThat(e.error().status()).isEqualTo(400));
  }

  private ChatRequest decode(String fields) {
    String body =
        fields.startsWith("\"messages\"")
            ? "{\"model\":\"m\"," + fields + "}"
            : "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + fields
                + "}";
    return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
  }
}
