package dev.cliproxy.dialect.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolNamesTest {
  private static final int LIMIT = 64;
  private static final String SERVER = "a-very-long-model-context-protocol-server-name-for-testing";
  private static final String LONG_MCP = "mcp__" + SERVER + "__read_file";
  private static final String LONG_PLAIN = "x".repeat(70);

  private static Tool function(String name) {
    return new Tool.Function(name, "", JsonNodeFactory.instance.objectNode(), false);
  }

  private static ChatRequest request(ToolChoice choice, List<Message> messages, String... tools) {
    return new ChatRequest(
        "m",
        List.of(),
        messages,
        Arrays.stream(tools).map(ToolNamesTest::function).toList(),
        choice,
        Sampling.DEFAULT,
        Optional.empty(),
        new ResponseFormat.Text(),
        false,
        Optional.empty());
  }

  private static ChatRequest request(String... tools) {
    return request(ToolChoice.AUTO, List.of(new Message(Role.USER, List.of())), tools);
  }

  private static List<String> toolNames(ChatRequest request) {
    return request.tools().stream().map(t -> ((Tool.Function) t).name()).toList();
  }

  @Test
  void namesWithinTheLimitNeedNothing() {
    ChatRequest request = request("get_weather", "y".repeat(64));
    ToolNames names = ToolNames.of(request, LIMIT);
    assertThat(names).isEqualTo(ToolNames.NONE);
    assertThat(names.shorten(request)).isSameAs(request);
  }

  @Test
  void anMcpNameKeepsItsPrefixAndTheSegmentAfterTheLastDoubleUnderscore() {
    assertThat(LONG_MCP.length()).isGreaterThan(LIMIT);
    ChatRequest request = request(LONG_MCP, "get_weather");
    ChatRequest shortened = ToolNames.of(request, LIMIT).shorten(request);
    assertThat(toolNames(shortened)).containsExactly("mcp__read_file", "get_weather");
  }

  @Test
  void anMcpToolSegmentThatIsItselfTooLongIsCut() {
    String name = "mcp__server__" + "t".repeat(80);
    ChatRequest request = request(name);
    assertThat(toolNames(ToolNames.of(request, LIMIT).shorten(request)))
        .containsExactly("mcp__" + "t".repeat(59));
  }

  @Test
  void anyOtherLongNameIsCutToTheLimit() {
    ChatRequest request = request(LONG_PLAIN);
    assertThat(toolNames(ToolNames.of(request, LIMIT).shorten(request)))
        .containsExactly("x".repeat(64));
  }

  @Test
  void collisionsGetNumberedSuffixesWithinTheLimit() {
    String a = "z".repeat(64) + "a";
    String b = "z".repeat(64) + "b";
    String c = "z".repeat(64) + "c";
    ChatRequest request = request(a, b, c);
    List<String> shortNames = toolNames(ToolNames.of(request, LIMIT).shorten(request));
    assertThat(shortNames)
        .containsExactly("z".repeat(64), "z".repeat(62) + "_1", "z".repeat(62) + "_2");
    assertThat(shortNames).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(LIMIT));
  }

  @Test
  void aClientsShortNameIsNeverTakenByAShortenedOne() {
    ChatRequest request = request(LONG_MCP, "mcp__other__" + "q".repeat(60), "mcp__read_file");
    List<String> shortNames = toolNames(ToolNames.of(request, LIMIT).shorten(request));
    assertThat(shortNames.get(0)).isEqualTo("mcp__read_file_1");
    assertThat(shortNames.get(2)).isEqualTo("mcp__read_file");
  }

  @Test
  void theHistoryAndTheToolChoiceAreRenamedWithTheSameMap() {
    List<Message> history =
        List.of(
            new Message(Role.USER, List.of(new Part.Text("read it"))),
            new Message(
                Role.ASSISTANT,
                List.of(new Part.ToolCall("call_1", LONG_MCP, "{}", Optional.empty()))),
            new Message(
                Role.USER,
                List.of(
                    new Part.ToolResult("call_1", LONG_MCP, List.of(new Part.Text("ok")), false))));
    ChatRequest request = request(new ToolChoice.Named(LONG_MCP), history, LONG_MCP);
    ChatRequest shortened = ToolNames.of(request, LIMIT).shorten(request);
    assertThat(shortened.toolChoice()).isEqualTo(new ToolChoice.Named("mcp__read_file"));
    assertThat(((Part.ToolCall) shortened.messages().get(1).parts().get(0)).name())
        .isEqualTo("mcp__read_file");
    assertThat(((Part.ToolResult) shortened.messages().get(2).parts().get(0)).name())
        .isEqualTo("mcp__read_file");
    assertThat(shortened.messages().get(0)).isEqualTo(history.get(0));
  }

  @Test
  void aLongNameOnlyInTheHistoryIsShortenedByTheRuleAlone() {
    List<Message> history =
        List.of(
            new Message(
                Role.ASSISTANT,
                List.of(new Part.ToolCall("call_1", LONG_PLAIN, "{}", Optional.empty()))));
    ChatRequest request = request(ToolChoice.AUTO, history);
    ChatRequest shortened = ToolNames.of(request, LIMIT).shorten(request);
    assertThat(((Part.ToolCall) shortened.messages().get(0).parts().get(0)).name())
        .isEqualTo("x".repeat(64));
  }

  @Test
  void answersGetTheClientsNamesBackWholeAndStreamed() {
    ToolNames names = ToolNames.of(request(LONG_MCP, "get_weather"), LIMIT);
    ChatResponse response =
        new ChatResponse(
            "r",
            "m",
            0,
            List.of(
                new Part.Text("calling"),
                new Part.ToolCall("c1", "mcp__read_file", "{}", Optional.empty()),
                new Part.ToolCall("c2", "get_weather", "{}", Optional.empty())),
            StopReason.TOOL_USE,
            Usage.NONE);
    ChatResponse restored = names.restore(response);
    assertThat(((Part.ToolCall) restored.content().get(1)).name()).isEqualTo(LONG_MCP);
    assertThat(restored.content().get(2)).isEqualTo(response.content().get(2));
    assertThat(restored.content().get(0)).isEqualTo(response.content().get(0));

    StreamEvent start =
        new StreamEvent.BlockStart(2, new StreamEvent.Block.ToolCall("c1", "mcp__read_file"));
    assertThat(names.restore(start))
        .isEqualTo(new StreamEvent.BlockStart(2, new StreamEvent.Block.ToolCall("c1", LONG_MCP)));
    StreamEvent other = new StreamEvent.ToolArgumentsDelta(2, "{}");
    assertThat(names.restore(other)).isSameAs(other);
  }
}
