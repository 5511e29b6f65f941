package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversation that changes provider halfway: the history then holds another provider's
 * reasoning, wrapped by the proxy for the client. Even when the client's dialect is the new
 * upstream's own, that body is translated rather than passed through, so the upstream never sees
 * the wrapping (both fakes refuse reasoning they did not issue).
 */
class ProviderSwitchSignaturesTest {
  static final String CLAUDE_MODEL = "claude-sonnet-4-5";
  static final String CODEX_MODEL = "gpt-5-codex";

  @TempDir Path dir;
  FakeClaudeUpstream claude;
  FakeCodexBackend codex;
  FakeOpenAiAuth openAiAuth;
  RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    claude = FakeClaudeUpstream.start().acceptOAuthToken(ClaudeEndToEndTest.TOKEN);
    codex = FakeCodexBackend.start();
    codex.acceptAccessToken("at-switch", "acct-e2e");
    openAiAuth = FakeOpenAiAuth.start();
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("claude-me@example.com.json"),
        "{\"access_token\":\""
            + ClaudeEndToEndTest.TOKEN
            + "\",\"refresh_token\":\"sk-ant-ort01-unused\",\"email\":\"me@example.com\","
            + "\"type\":\"claude\",\"expired\":\"2099-01-01T00:00:00Z\"}\n");
    Files.writeString(
        auth.resolve("codex-e2e@example.com.json"),
        CodexEndToEndTest.accountFile(
            "at-switch", "rt-switch", Instant.now().plus(Duration.ofDays(30))));
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  claude:\n    api: "
                + claude.baseUrl()
                + "\n    token: http://127.0.0.1:9/v1/oauth/token\n"
                + "    authorize: http://127.0.0.1:9/oauth/authorize\n"
                + "  codex:\n    api: "
                + codex.baseUrl()
                + "\n    auth: "
                + openAiAuth.baseUrl()
                + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    claude.close();
    codex.close();
    openAiAuth.close();
  }

  @Test
  void aResponsesConversationStartedOnClaudeContinuesOnCodex() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(proxy.baseUrl() + "/v1")
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      FunctionTool weather =
          FunctionTool.builder()
              .name("get_weather")
              .strict(false)
              .parameters(
                  FunctionTool.Parameters.builder()
                      .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                      .build())
              .build();
      Response first =
          client
              .responses()
              .create(
                  ResponseCreateParams.builder()
                      .model(CLAUDE_MODEL)
                      .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build())
                      .addTool(weather)
                      .input("weather in Paris?")
                      .build());
      List<ResponseInputItem> history = new ArrayList<>();
      history.add(
          ResponseInputItem.ofEasyInputMessage(
              EasyInputMessage.builder()
                  .role(EasyInputMessage.Role.USER)
                  .content("weather in Paris?")
                  .build()));
      String callId = "";
      for (ResponseOutputItem item : first.output()) {
        item.reasoning().ifPresent(r -> history.add(ResponseInputItem.ofReasoning(r)));
        if (item.functionCall().isPresent()) {
          history.add(ResponseInputItem.ofFunctionCall(item.functionCall().get()));
          callId = item.functionCall().get().callId();
        }
      }
      assertThat(history).anySatisfy(i -> assertThat(i.isReasoning()).isTrue());
      history.add(
          ResponseInputItem.ofFunctionCallOutput(
              ResponseInputItem.FunctionCallOutput.builder()
                  .callId(callId)
                  .output("sunny")
                  .build()));

      Response second =
          client
              .responses()
              .create(
                  ResponseCreateParams.builder()
                      .model(CODEX_MODEL)
                      .addTool(weather)
                      .inputOfResponse(history)
                      .build());
      assertThat(second.output().stream().flatMap(i -> i.message().stream()).toList()).isNotEmpty();
    } finally {
      client.close();
    }
    assertThat(codex.rejections()).isEmpty();
    JsonNode sent = codex.received().getLast().body();
    assertThat(sent.path("input").toString()).doesNotContain("\"reasoning\"");
  }

  @Test
  void aClaudeConversationStartedOnCodexContinuesOnClaude() {
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(proxy.baseUrl())
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      Tool weather =
          Tool.builder()
              .name("get_weather")
              .inputSchema(
                  Tool.InputSchema.builder()
                      .properties(
                          Tool.InputSchema.Properties.builder()
                              .putAdditionalProperty(
                                  "city", JsonValue.from(Map.of("type", "string")))
                              .build())
                      .build())
              .build();
      MessageCreateParams ask =
          MessageCreateParams.builder()
              .model(CODEX_MODEL)
              .maxTokens(4096)
              .enabledThinking(2048)
              .addUserMessage("weather in Paris?")
              .addTool(weather)
              .build();
      Message call = client.messages().create(ask);
      assertThat(call.content().get(0).isThinking()).isTrue();
      String toolUseId = call.content().get(1).asToolUse().id();

      Message answer =
          client
              .messages()
              .create(
                  ask.toBuilder()
                      .model(CLAUDE_MODEL)
                      .addMessage(call)
                      .addUserMessageOfContentBlockParams(
                          List.of(
                              ContentBlockParam.ofToolResult(
                                  ToolResultBlockParam.builder()
                                      .toolUseId(toolUseId)
                                      .content("sunny")
                                      .build())))
                      .build());
      assertThat(answer.content()).isNotEmpty();
    } finally {
      client.close();
    }
    // Claude got no thinking block it cannot verify, and so no thinking for this tool loop.
    JsonNode sent = claude.last().body();
    assertThat(sent.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(sent.has("thinking")).isFalse();
  }
}
