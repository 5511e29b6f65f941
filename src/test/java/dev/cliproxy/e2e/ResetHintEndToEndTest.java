package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.ProxyAndUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 429 that says in its body when the quota resets rests that key exactly that long: requests go
 * to the other key meanwhile, and when every key rests the client is told when to come back.
 */
class ResetHintEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT =
      "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @RegisterExtension
  final ProxyAndUpstream servers =
      ProxyAndUpstream.withConfig(
          """
          api-keys: [proxy-key]
          openai-compatibility:
            - name: Up
              base-url: %s
              api-key-entries:
                - api-key: key-1
                - api-key: key-2
              models:
                - name: up-model
          """);

  private HttpResponse<String> chat() throws Exception {
    RunningProxy proxy = servers.proxy();
    return proxy.send(
        proxy.post("/v1/chat/completions", CHAT).header("Authorization", "Bearer proxy-key"));
  }

  private long requestsWith(String key) {
    return servers.upstream().received().stream()
        .filter(r -> ("Bearer " + key).equals(r.header("authorization")))
        .count();
  }

  @Test
  void aResetTimeInTheBodyRestsTheKeyThatLongAndIsToldToTheClient() throws Exception {
    FakeOpenAiUpstream upstream = servers.upstream();
    upstream.failFor(
        "key-1",
        429,
        Map.of(),
        """
        [{"error":{"code":429,"message":"You exceeded your current quota","status":\
        "RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo",\
        "retryDelay":"120s"}]}}]\
        """);

    for (int i = 0; i < 4; i++) {
      assertThat(chat().statusCode()).as("request %d is served by key-2", i).isEqualTo(200);
    }
    assertThat(requestsWith("key-1")).as("key-1 is asked once, then rests").isEqualTo(1);
    assertThat(requestsWith("key-2")).isEqualTo(4);

    upstream.failFor(
        "key-2",
        429,
        Map.of(),
        """
        {"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED",
        "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"300s"}]}}\
        """);
    HttpResponse<String> cooling = chat();

    assertThat(cooling.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(cooling.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter)
        .as("the soonest key is key-1, free when its quota resets")
        .isBetween(110L, 120L);
    JsonNode error = JSON.readTree(cooling.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error.path("code").asText()).isEqualTo("model_cooldown");

    HttpResponse<String> again = chat();
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(requestsWith("key-1") + requestsWith("key-2"))
        .as("while both rest, nothing reaches the upstream")
        .isEqualTo(6);
  }

  @Test
  void eachKeyRestsForItsOwnHintAndTheSoonerOneIsTheClientsRetryAfter() throws Exception {
    FakeOpenAiUpstream upstream = servers.upstream();
    upstream.failFor(
        "key-1",
        429,
        Map.of("Retry-After", "3"),
        "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
            + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"42s\"}]}}");
    upstream.failFor(
        "key-2",
        429,
        Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1m30s"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");

    HttpResponse<String> response = chat();

    assertThat(response.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(response.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter)
        .as("key-1 rests 42 s (not the 3 s Retry-After), key-2 90 s; the sooner one is reported")
        .isBetween(40L, 42L);
    assertThat(requestsWith("key-1")).isEqualTo(1);
    assertThat(requestsWith("key-2")).isEqualTo(1);
  }
}
