package dev.cliproxy.e2e;

import static dev.cliproxy.testing.SdkTurns.claudeTool;
import static dev.cliproxy.testing.SdkTurns.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server driven by the official Anthropic Java SDK as a Claude Messages client, in front
 * of a fake OpenAI-compatible upstream: every request crosses the Claude → canonical → Chat
 * translation and every answer comes back through the Claude encoders.
 */
class AnthropicSdkEndToEndTest {
  private static final String MODEL = "claude-sonnet-4-5";

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  RunningProxy proxy;
  AnthropicClient client;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy = RunningProxy.inFrontOf(dir, upstream, "proxy-key", MODEL);
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(proxy.baseUrl())
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    upstream.close();
  }

  private static MessageCreateParams.Builder ask(String text) {
    return MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage(text);
  }

  private static List<ToolUseBlock> toolUses(Message message) {
    return message.content().stream().flatMap(b -> b.toolUse().stream()).toList();
  }

  private Message stream(MessageCreateParams params, List<RawMessageStreamEvent> events) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(e -> events.add(accumulator.accumulate(e)));
    }
    return accumulator.message();
  }

  @Test
  void nonStreamingMessageComesBackAsAClaudeAnswer() {
    Message answer = client.messages().create(ask("hello").build());

    assertThat(text(answer)).isEqualTo("echo: hello");
    assertThat(answer.content()).hasSize(1).allMatch(ContentBlock::isText);
    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(answer.usage().inputTokens()).isEqualTo(11);
    assertThat(answer.usage().outputTokens()).isEqualTo(7);
    FakeOpenAiUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.path()).isEqualTo("/v1/chat/completions");
    assertThat(seen.body().path("model").asText()).isEqualTo("up-model");
    assertThat(
            seen.body().path("max_tokens").asInt(seen.body().path("max_completion_tokens").asInt()))
        .isEqualTo(256);
  }

  @Test
  void streamingMessageArrivesAsTextDeltasEndingWithMessageStop() {
    List<RawMessageStreamEvent> events = new ArrayList<>();
    Message answer = stream(ask("stream me please").build(), events);

    StringBuilder deltas = new StringBuilder();
    events.stream()
        .flatMap(e -> e.contentBlockDelta().stream())
        .flatMap(d -> d.delta().text().stream())
        .forEach(t -> deltas.append(t.text()));
    assertThat(deltas.toString()).isEqualTo("echo: stream me please");
    assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count())
        .as("the text arrives in several deltas, not one")
        .isGreaterThan(1);
    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    assertThat(text(answer)).isEqualTo("echo: stream me please");
    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(answer.usage().outputTokens()).isEqualTo(7);
    assertThat(upstream.received().get(0).body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void twoToolsGiveTwoToolUseBlocksWithAndWithoutStreaming() {
    MessageCreateParams params =
        ask("weather and time in Paris?")
            .addTool(claudeTool("get_weather"))
            .addTool(claudeTool("get_time"))
            .build();

    Message answer = client.messages().create(params);
    assertThat(toolUses(answer))
        .extracting(t -> t.id() + "/" + t.name())
        .containsExactly("call_up_0/get_weather", "call_up_1/get_time");
    assertThat(toolUses(answer))
        .allSatisfy(t -> assertThat(t._input().toString()).contains("Paris"));
    assertThat(answer.stopReason()).hasValue(StopReason.TOOL_USE);

    Message streamed = stream(params, new ArrayList<>());
    assertThat(toolUses(streamed))
        .extracting(t -> t.id() + "/" + t.name())
        .containsExactly("call_up_0/get_weather", "call_up_1/get_time");
    assertThat(toolUses(streamed))
        .allSatisfy(t -> assertThat(t._input().toString()).contains("Paris"));
    assertThat(streamed.stopReason()).hasValue(StopReason.TOOL_USE);

    JsonNode tools = upstream.received().get(0).body().path("tools");
    assertThat(tools).hasSize(2);
    assertThat(tools.get(0).path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(tools.get(0).path("function").path("parameters").path("required").get(0).asText())
        .isEqualTo("city");
  }

  @Test
  void toolResultsOfTheNextTurnReachTheUpstreamAsToolMessagesWithMatchingIds() {
    MessageCreateParams first =
        ask("weather and time in Paris?")
            .addTool(claudeTool("get_weather"))
            .addTool(claudeTool("get_time"))
            .build();
    Message answer = client.messages().create(first);
    List<ToolUseBlock> uses = toolUses(answer);
    assertThat(uses).hasSize(2);

    Message second =
        client
            .messages()
            .create(
                first.toBuilder()
                    .tools(List.of())
                    .addMessage(answer)
                    .addUserMessageOfContentBlockParams(
                        List.of(
                            result(uses.get(0).id(), "sunny"),
                            result(uses.get(1).id(), "noon"),
                            ContentBlockParam.ofText("and now?")))
                    .build());

    assertThat(text(second)).isEqualTo("echo: and now?");
    JsonNode messages = upstream.received().get(1).body().path("messages");
    List<JsonNode> assistant = filter(messages, "assistant");
    assertThat(assistant).hasSize(1);
    assertThat(assistant.get(0).path("tool_calls"))
        .extracting(c -> c.path("id").asText() + "/" + c.path("function").path("name").asText())
        .containsExactly("call_up_0/get_weather", "call_up_1/get_time");
    List<JsonNode> tool = filter(messages, "tool");
    assertThat(tool)
        .extracting(m -> m.path("tool_call_id").asText() + "=" + contentText(m))
        .containsExactly("call_up_0=sunny", "call_up_1=noon");
  }

  private static ContentBlockParam result(String id, String content) {
    return ContentBlockParam.ofToolResult(
        ToolResultBlockParam.builder().toolUseId(id).content(content).build());
  }

  @Test
  void aSignedThinkingBlockInHistoryLosesItsSignatureOnTheWayToAnOpenAiUpstream() {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(MODEL)
            .maxTokens(2048)
            .enabledThinking(1024)
            .addUserMessage("first question")
            .addAssistantMessageOfContentBlockParams(
                List.of(
                    ContentBlockParam.ofThinking(
                        ThinkingBlockParam.builder()
                            .thinking("let me think about the first question")
                            .signature("EqQBCkgIARABGAIiQL1signature-from-claude==")
                            .build()),
                    ContentBlockParam.ofText("first answer")))
            .addUserMessage("second question")
            .build();

    Message answer = client.messages().create(params);
    assertThat(text(answer)).isEqualTo("echo: second question");
    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);

    Message streamed = stream(params, new ArrayList<>());
    assertThat(text(streamed)).isEqualTo("echo: second question");

    assertThat(upstream.received()).hasSize(2);
    for (FakeOpenAiUpstream.Received seen : upstream.received()) {
      assertThat(seen.body().toString())
          .as("a Claude signature means nothing to an OpenAI upstream")
          .doesNotContain("signature");
      List<JsonNode> assistant = filter(seen.body().path("messages"), "assistant");
      assertThat(assistant).hasSize(1);
      assertThat(contentText(assistant.get(0))).isEqualTo("first answer");
      // the thinking text itself travels as reasoning_content (OpenAiRequestEncoder's contract)
      assertThat(assistant.get(0).path("reasoning_content").asText())
          .isEqualTo("let me think about the first question");
      assertThat(seen.body().path("reasoning_effort").asText())
          .as("the thinking budget becomes an effort")
          .isNotEmpty();
    }
  }

  private static List<JsonNode> filter(JsonNode messages, String role) {
    return StreamSupport.stream(messages.spliterator(), false)
        .filter(m -> m.path("role").asText().equals(role))
        .toList();
  }

  private static String contentText(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    content.forEach(part -> out.append(part.path("text").asText("")));
    return out.toString();
  }
}
