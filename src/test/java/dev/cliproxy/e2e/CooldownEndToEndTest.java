package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cooldown as clients see it: a failing key rests by its status and the upstream's hint while the
 * other key serves, and when every key rests each dialect gets a 429 it understands, with
 * Retry-After.
 */
class CooldownEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("cooldown");
    proxy = RunningProxy.start(dir, twoKeys());
  }

  /** One upstream with keys key-a and key-b serving model m. */
  private String twoKeys() {
    return """
    openai-compatibility:
      - name: Up
        base-url: %s
        api-key-entries:
          - api-key: key-a
          - api-key: key-b
        models:
          - name: up-model
            alias: m
    """
        .formatted(upstream.baseUrl());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private void bothKeysRateLimited() {
    upstream.failFor("key-a", 429, Map.of("Retry-After", "120"), "{\"error\":{\"message\":\"x\"}}");
    upstream.failFor("key-b", 429, Map.of("Retry-After", "45"), "{\"error\":{\"message\":\"x\"}}");
  }

  private static String chatBody(String field) {
    return "{\"model\":\"m\",\""
        + field
        + "\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":10}";
  }

  private long sentWith(String key) {
    return upstream.received().stream()
        .filter(r -> ("Bearer " + key).equals(r.header("authorization")))
        .count();
  }

  private static void assertRetryAfter(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).isEqualTo(429);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("45");
  }

  @Test
  void allKeysCoolingIsA429InTheOpenAiDialect() throws Exception {
    bothKeysRateLimited();
    HttpResponse<String> answer =
        proxy.send(proxy.post("/v1/chat/completions", chatBody("messages")));
    assertRetryAfter(answer);
    JsonNode error = JSON.readTree(answer.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("model_cooldown");
    assertThat(error.path("message").asText()).contains("retry after 45s");
  }

  @Test
  void allKeysCoolingIsA429InTheResponsesDialect() throws Exception {
    bothKeysRateLimited();
    HttpResponse<String> answer =
        proxy.send(proxy.post("/v1/responses", "{\"model\":\"m\",\"input\":\"hi\"}"));
    assertRetryAfter(answer);
    assertThat(JSON.readTree(answer.body()).path("error").path("code").asText())
        .isEqualTo("model_cooldown");
  }

  @Test
  void allKeysCoolingIsA429InTheClaudeDialect() throws Exception {
    bothKeysRateLimited();
    HttpResponse<String> answer = proxy.send(proxy.post("/v1/messages", chatBody("messages")));
    assertRetryAfter(answer);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
  }

  @Test
  void allKeysCoolingIsA429InTheGeminiDialect() throws Exception {
    bothKeysRateLimited();
    HttpResponse<String> answer =
        proxy.send(
            proxy.post(
                "/v1beta/models/m:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"));
    assertRetryAfter(answer);
    JsonNode error = JSON.readTree(answer.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(429);
    assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void aCoolingKeyIsNotAskedAgainWhileTheOtherServes() throws Exception {
    upstream.failFor("key-a", 429, Map.of("Retry-After", "120"), "{\"error\":{\"message\":\"x\"}}");
    for (int i = 0; i < 5; i++) {
      assertThat(proxy.send(proxy.post("/v1/chat/completions", chatBody("messages"))).statusCode())
          .isEqualTo(200);
    }
    assertThat(sentWith("key-a")).isEqualTo(1);
    assertThat(sentWith("key-b")).isEqualTo(5);
  }

  @Test
  void unauthorizedForbiddenAndServerErrorsRestTheKeyAndTheRequestMovesOn() throws Exception {
    for (int status : new int[] {401, 403, 500, 503}) {
      upstream.clearFailures();
      proxy.close();
      proxy =
          RunningProxy.start(
              java.nio.file.Files.createDirectories(dir.resolve("s" + status)), twoKeys());
      upstream.failFor("key-a", status, Map.of(), "{\"error\":{\"message\":\"no\"}}");
      long before = sentWith("key-a");
      for (int i = 0; i < 3; i++) {
        assertThat(
                proxy.send(proxy.post("/v1/chat/completions", chatBody("messages"))).statusCode())
            .as("status %d", status)
            .isEqualTo(200);
      }
      assertThat(sentWith("key-a") - before).as("key-a after a %d", status).isEqualTo(1);
    }
  }
}
