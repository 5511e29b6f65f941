package dev.cliproxy.dialect.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClaudeRequestEncoderTest {
  private final ClaudeCodec codec = new ClaudeCodec();

  @Test
  void aClaudeRequestGoesBackToClaudeWithSignaturesByteExact() {
    ChatRequest decoded = codec.decodeRequest(Goldens.bytes("claude/request-full.json"));
    String encoded =
        new String(codec.encodeRequest(decoded, FixedContext.create()), StandardCharsets.UTF_8);
    assertThat(encoded).isEqualTo(Goldens.compact("claude/request-full.upstream.json"));
  }

  @Test
  void aRequestFromAnotherDialectDropsForeignSignaturesAndToolsAndMergesTurns() {
    ChatRequest request =
        new ChatRequest(
            "claude-opus-4-1",
            List.of(new Part.Text("Be brief.")),
            List.of(
                new Message(
                    Role.USER,
                    List.of(
                        new Part.Text("Look"),
                        new Part.Image(new Media.Url("data:image/jpeg;base64,/9j/4A==", "")))),
                new Message(Role.SYSTEM, List.of(new Part.Text("Mid-conversation instructions"))),
                new Message(
                    Role.ASSISTANT,
                    List.of(
                        // Gemini's thought signature cannot be verified by Claude: the whole
                        // thinking block is dropped, and so is another provider's redacted one.
                        // The tool call then has no thinking before it, so thinking is off for
                        // this request (Claude would refuse it otherwise).
                        new Part.Thinking(
                            "gemini thoughts",
                            Optional.of(new Signature(Dialect.GEMINI, "CiQBjz1rX"))),
                        new Part.Thinking("unsigned thoughts", Optional.empty()),
                        new Part.RedactedThinking(new Signature(Dialect.OPENAI_RESPONSES, "gAAA")),
                        new Part.Text("Calling."),
                        new Part.ToolCall("", "f", "not json", Optional.empty()),
                        new Part.ToolCall("call_2", "g", "{\"x\":[1,2]}", Optional.empty()))),
                new Message(
                    Role.USER,
                    List.of(
                        new Part.ToolResult(
                            "toolu_000000000000000000000001",
                            "f",
                            List.of(new Part.Text("one")),
                            false))),
                new Message(
                    Role.USER,
                    List.of(
                        new Part.ToolResult("call_2", "g", List.of(new Part.Text("two")), false)))),
            List.of(
                new Tool.Function("f", "", Goldens.tree("{\"type\":\"object\"}"), true),
                new Tool.Native(
                    Dialect.OPENAI_RESPONSES, Goldens.tree("{\"type\":\"web_search\"}"))),
            ToolChoice.AUTO,
            Sampling.DEFAULT,
            Optional.of(
                new Reasoning(Optional.of(Reasoning.Effort.HIGH), OptionalInt.empty(), true)),
            new ResponseFormat.JsonSchema("", Goldens.tree("{\"type\":\"object\"}"), true),
            false,
            Optional.empty());
    String encoded =
        new String(codec.encodeRequest(request, FixedContext.create()), StandardCharsets.UTF_8);
    assertThat(encoded).isEqualTo(Goldens.compact("claude/request-from-canonical.upstream.json"));
  }

  /**
   * A thinking tool loop: the assistant's turn holds {@code thinking}, then a call and its result.
   */
  private static ChatRequest toolLoop(List<Part> thinking) {
    List<Part> assistant = new ArrayList<>(thinking);
    assistant.add(new Part.ToolCall("toolu_1", "f", "{}", Optional.empty()));
    return new ChatRequest(
        "claude-sonnet-4-5",
        List.of(),
        List.of(
            new Message(Role.USER, List.of(new Part.Text("go"))),
            new Message(Role.ASSISTANT, assistant),
            new Message(
                Role.USER,
                List.of(new Part.ToolResult("toolu_1", "f", List.of(new Part.Text("ok")), false)))),
        List.of(new Tool.Function("f", "", Goldens.tree("{\"type\":\"object\"}"), false)),
        ToolChoice.AUTO,
        Sampling.DEFAULT,
        Optional.of(new Reasoning(Optional.of(Reasoning.Effort.LOW), OptionalInt.empty(), true)),
        ResponseFormat.TEXT,
        false,
        Optional.empty());
  }

  private JsonNode encode(ChatRequest request) {
    return Goldens.tree(
        new String(codec.encodeRequest(request, FixedContext.create()), StandardCharsets.UTF_8));
  }

  @Test
  void aToolLoopKeepsThinkingWhenClaudesSignedBlockLeadsTheAssistantTurn() {
    var body =
        encode(
            toolLoop(
                List.of(
                    new Part.Thinking(
                        "plan", Optional.of(new Signature(Dialect.CLAUDE, "EqQ="))))));
    assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
    assertThat(body.at("/messages/1/content/0").toString())
        .isEqualTo("{\"type\":\"thinking\",\"thinking\":\"plan\",\"signature\":\"EqQ=\"}");
  }

  @Test
  void aToolLoopWhoseThinkingClaudeCannotVerifyIsSentWithoutThinking() {
    // An OpenAI chat client's reasoning (no signature) and a Codex upstream's encrypted reasoning
    // are both left out; Claude would then refuse thinking for the tool loop, so it is off.
    for (Optional<Signature> signature :
        List.of(
            Optional.<Signature>empty(),
            Optional.of(new Signature(Dialect.OPENAI_RESPONSES, "gAAAAB-enc")))) {
      var body = encode(toolLoop(List.of(new Part.Thinking("plan", signature))));
      assertThat(body.has("thinking")).as("thinking with %s", signature).isFalse();
      assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
      assertThat(body.toString()).doesNotContain("gAAAAB-enc");
    }
  }

  @Test
  void aNewUserTurnAfterAFinishedToolLoopKeepsThinking() {
    ChatRequest loop = toolLoop(List.of());
    List<Message> messages = new ArrayList<>(loop.messages());
    messages.add(new Message(Role.ASSISTANT, List.of(new Part.Text("done"))));
    messages.add(new Message(Role.USER, List.of(new Part.Text("and now?"))));
    var body =
        encode(
            new ChatRequest(
                loop.model(),
                loop.system(),
                messages,
                loop.tools(),
                loop.toolChoice(),
                loop.sampling(),
                loop.reasoning(),
                loop.responseFormat(),
                false,
                Optional.empty()));
    assertThat(body.at("/thinking/type").asText()).isEqualTo("enabled");
  }

  @Test
  void thinkingBudgetsFollowReasoningLevelsWithClaudesMinimum() {
    assertThat(
            budget(new Reasoning(Optional.of(Reasoning.Effort.MINIMAL), OptionalInt.empty(), true)))
        .isEqualTo(1024);
    assertThat(budget(new Reasoning(Optional.of(Reasoning.Effort.NONE), OptionalInt.empty(), true)))
        .isZero();
    assertThat(budget(new Reasoning(Optional.empty(), OptionalInt.of(-1), true))).isEqualTo(8192);
    assertThat(budget(new Reasoning(Optional.empty(), OptionalInt.of(5000), true))).isEqualTo(5000);
  }

  @Test
  void noReasoningMeansNoThinkingAndSamplingIsKept() {
    ChatRequest r =
        codec.decodeRequest(
            ("{\"model\":\"m\",\"max_tokens\":64,\"temperature\":0.2,\"top_k\":5,"
                    + "\"thinking\":{\"type\":\"disabled\"},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(new String(codec.encodeRequest(r, FixedContext.create()), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hi\"}]}],\"temperature\":0.2,\"top_k\":5}");
  }

  private static int budget(Reasoning reasoning) {
    return ClaudeRequestEncoder.thinkingBudget(
        new ChatRequest(
            "m",
            List.of(),
            List.of(),
            List.of(),
            ToolChoice.AUTO,
            Sampling.DEFAULT,
            Optional.of(reasoning),
            ResponseFormat.TEXT,
            false,
            Optional.empty()));
  }
}
