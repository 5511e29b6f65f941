package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.cliproxy.testing.ProxyAndUpstream;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code payload} rules from config.yaml change what the upstream receives, for the models named.
 */
class PayloadRulesEndToEndTest {
  @RegisterExtension
  final ProxyAndUpstream servers =
      ProxyAndUpstream.withConfig(
          """
          api-keys: [proxy-key]
          openai-compatibility:
            - name: Up
              base-url: %s
              api-key-entries:
                - api-key: up-1
              models:
                - name: thinker-large
                  alias: thinker
                - name: plain-model
          payload:
            default:
              - models:
                  - name: "thinker*"
                    protocol: openai
                params:
                  reasoning_effort: high
                  metadata.team: research
              - models:
                  - name: "*"
                params:
                  reasoning_effort: low
            override:
              - models:
                  - name: thinker-large
                params:
                  temperature: 1
              - models:
                  - name: "thinker*"
                    protocol: claude
                params:
                  temperature: 0
          """);

  OpenAIClient client;

  @BeforeEach
  void start() throws Exception {
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(servers.proxy().baseUrl() + "/v1")
            .apiKey("proxy-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
  }

  private JsonNode lastUpstreamBody() {
    var received = servers.upstream().received();
    return received.get(received.size() - 1).body();
  }

  @Test
  void rulesForOneModelSetItsDefaultsAndOverrideTheClientsValue() {
    ChatCompletion answer =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("thinker")
                    .addUserMessage("hi")
                    .temperature(0.2)
                    .build());

    assertThat(answer.choices().get(0).message().content()).hasValue("echo: hi");
    JsonNode sent = lastUpstreamBody();
    assertThat(sent.path("model").asText()).isEqualTo("thinker-large");
    assertThat(sent.path("reasoning_effort").asText())
        .as("the first matching default wins")
        .isEqualTo("high");
    assertThat(sent.path("metadata").path("team").asText()).isEqualTo("research");
    assertThat(sent.path("temperature").asDouble())
        .as("the override, matched by the upstream model name; the claude-only rule is skipped")
        .isEqualTo(1.0);
  }

  @Test
  void aValueTheClientSentIsKeptByDefaults() {
    client
        .chat()
        .completions()
        .create(
            ChatCompletionCreateParams.builder()
                .model("thinker")
                .addUserMessage("hi")
                .reasoningEffort(com.openai.models.ReasoningEffort.MINIMAL)
                .build());

    assertThat(lastUpstreamBody().path("reasoning_effort").asText()).isEqualTo("minimal");
  }

  @Test
  void otherModelsOnlyGetTheRulesThatNameThem() {
    client
        .chat()
        .completions()
        .create(
            ChatCompletionCreateParams.builder()
                .model("plain-model")
                .addUserMessage("hi")
                .temperature(0.2)
                .build());

    JsonNode sent = lastUpstreamBody();
    assertThat(sent.path("reasoning_effort").asText()).isEqualTo("low");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sent.has("metadata")).isFalse();
  }

  @Test
  void streamedRequestsGetTheRulesToo() {
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("thinker")
                    .addUserMessage("hi")
                    .build())) {
      assertThat(stream.stream().count()).isPositive();
    }

    JsonNode sent = lastUpstreamBody();
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("reasoning_effort").asText()).isEqualTo("high");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(1.0);
  }
}
