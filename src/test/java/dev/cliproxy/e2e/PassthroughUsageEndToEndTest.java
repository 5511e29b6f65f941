package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RecordingListener;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients whose upstream speaks their dialect get the upstream's bytes unchanged, and listeners
 * still learn the answer's exact usage, whole and streamed: OpenAI chat to an OpenAI-compatible
 * upstream, Claude Messages to a Claude account, Responses to a Codex key.
 */
class PassthroughUsageEndToEndTest {
  @TempDir Path dir;

  @Test
  void openAiChatToAnOpenAiCompatibleUpstream() throws Exception {
    try (FakeOpenAiUpstream up = FakeOpenAiUpstream.start("up");
        RunningProxy proxy =
            RunningProxy.start(
                dir,
                "openai-compatibility:\n  - name: Up\n    base-url: "
                    + up.baseUrl()
                    + "\n    api-key-entries:\n      - api-key: up-1\n"
                    + "    models:\n      - name: up-model\n        alias: gpt-x\n")) {
      String body =
          "{\"model\":\"gpt-x\",\"stream\":%s,\"stream_options\":{\"include_usage\":true},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

      List<Usage> usages = deliveredUsage(proxy, "/v1/chat/completions", body, List.of());

      assertThat(usages).containsExactly(new Usage(11, 0, 0, 7, 0), new Usage(11, 0, 0, 7, 0));
    }
  }

  @Test
  void claudeMessagesToAClaudeAccount() throws Exception {
    try (FakeClaudeUpstream up =
            FakeClaudeUpstream.start().acceptOAuthToken(ClaudeEndToEndTest.TOKEN);
        RunningProxy proxy = ClaudeEndToEndTest.withClaudeAccount(dir, up)) {
      String body =
          "{\"model\":\""
              + ClaudeEndToEndTest.MODEL
              + "\",\"max_tokens\":64,\"stream\":%s,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

      List<Usage> usages =
          deliveredUsage(
              proxy,
              "/v1/messages",
              body,
              List.of("x-api-key", "proxy-key", "anthropic-version", "2023-06-01"));

      // message_start's input 11 (no cache) with message_delta's output 7
      assertThat(usages).containsExactly(new Usage(11, 0, 0, 7, 0), new Usage(11, 0, 0, 7, 0));
    }
  }

  @Test
  void responsesToACodexKey() throws Exception {
    try (FakeCodexBackend backend = FakeCodexBackend.start()) {
      backend.acceptApiKey("sk-codex-key");
      try (RunningProxy proxy =
          RunningProxy.start(
              dir,
              "codex-api-key:\n  - api-key: sk-codex-key\n    base-url: "
                  + backend.baseUrl()
                  + "\n    models:\n      - name: gpt-5-codex\n        alias: codex-x\n")) {
        String body = "{\"model\":\"codex-x\",\"stream\":%s,\"input\":\"hi\"}";

        List<Usage> usages = deliveredUsage(proxy, "/v1/responses", body, List.of());

        // the whole answer is collected from the backend's stream; 2 of the 7 output tokens reason
        assertThat(usages).containsExactly(new Usage(11, 0, 0, 7, 2), new Usage(11, 0, 0, 7, 2));
      }
    }
  }

  /** The usage of the Delivered events for one whole and then one streamed request. */
  private static List<Usage> deliveredUsage(
      RunningProxy proxy, String path, String bodyTemplate, List<String> headers) throws Exception {
    RecordingListener listener = new RecordingListener();
    proxy.app().gateway().listeners().add(listener);
    for (boolean stream : new boolean[] {false, true}) {
      var request = proxy.post(path, bodyTemplate.formatted(stream));
      for (int i = 0; i + 1 < headers.size(); i += 2) {
        request.header(headers.get(i), headers.get(i + 1));
      }
      HttpResponse<String> answer = proxy.send(request);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(5), () -> listener.of(GatewayEvent.Delivered.class).size() == 2))
        .isTrue();
    return listener.of(GatewayEvent.Delivered.class).stream()
        .map(d -> d.usage().orElseThrow(() -> new AssertionError("no usage in " + d)))
        .toList();
  }
}
