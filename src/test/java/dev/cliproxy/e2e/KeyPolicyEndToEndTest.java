package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key policies on the real proxy, with two OpenAI-compatible upstreams serving the same models,
 * one in credential group {@code pool-a} and one in {@code pool-b}: limits refused in each client
 * dialect with {@code Retry-After}, group binding that never falls through, budgets, allow-lists,
 * and counts that survive a restart on the same usage file.
 */
class KeyPolicyEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANAGEMENT_KEY = "mgmt-secret-1";

  @TempDir Path dir;
  private FakeOpenAiUpstream upstreamA;
  private FakeOpenAiUpstream upstreamB;
  private RunningProxy proxy;

  @BeforeEach
  void startUpstreams() throws Exception {
    upstreamA = FakeOpenAiUpstream.start("a");
    upstreamB = FakeOpenAiUpstream.start("b");
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstreamA.close();
    upstreamB.close();
  }

  private void start() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            """
            api-keys:
              - open-key
              - key: rpm-key
                name: two a minute
                requests-per-minute: 2
              - key: day-key
                requests-per-day: 2
              - key: group-key
                credential-groups: [pool-b]
              - key: budget-key
                name: small budget
                monthly-token-budget: 36
              - key: cost-key
                monthly-cost-budget: 0.00002
              - key: model-key
                models: ["gpt-*"]
              - key: provider-key
                providers: [a]
              - key: unpriced-key
                monthly-cost-budget: 5
              - key: one-at-a-time
                concurrent-requests: 1
            model-prices:
              - {model: gpt-x, input: 1, output: 1}
            remote-management:
              secret-key: "%s"
            openai-compatibility:
            %s
            %s
            """
                .formatted(
                    BcryptHash.of(MANAGEMENT_KEY),
                    upstream("A", upstreamA, "pool-a"),
                    upstream("B", upstreamB, "pool-b")));
  }

  private static String upstream(String name, FakeOpenAiUpstream fake, String group) {
    return """
      - name: %s
        base-url: %s
        credential-group: %s
        api-key-entries: [{api-key: %s-1}]
        models:
          - {name: up-model, alias: gpt-x}
          - {name: up-model, alias: claude-x}
          - {name: up-model, alias: gemini-x}
          - {name: up-model, alias: unpriced-x}
    """
        .formatted(name, fake.baseUrl(), group, name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The four client dialects, each with its path, body and key header. */
  private enum Client {
    CHAT("/v1/chat/completions", "Authorization", "Bearer "),
    RESPONSES("/v1/responses", "Authorization", "Bearer "),
    CLAUDE("/v1/messages", "x-api-key", ""),
    GEMINI("/v1beta/models/gemini-x:generateContent", "x-goog-api-key", "");

    final String path;
    final String header;
    final String scheme;

    Client(String path, String header, String scheme) {
      this.path = path;
      this.header = header;
      this.scheme = scheme;
    }

    String body(String model) {
      return switch (this) {
        case CHAT ->
            "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        case RESPONSES -> "{\"model\":\"" + model + "\",\"input\":\"hi\"}";
        case CLAUDE ->
            "{\"model\":\""
                + model
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        case GEMINI -> "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
      };
    }
  }

  private HttpResponse<String> ask(Client client, String key, String model) throws Exception {
    String path =
        client == Client.GEMINI ? "/v1beta/models/" + model + ":generateContent" : client.path;
    return proxy.send(
        proxy.post(path, client.body(model)).header(client.header, client.scheme + key));
  }

  private HttpResponse<String> chat(String key, String model) throws Exception {
    return ask(Client.CHAT, key, model);
  }

  private static JsonNode json(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body());
  }

  @Test
  void aKeyOverItsRequestsPerMinuteGets429InEveryDialectWithRetryAfter() throws Exception {
    start();
    assertThat(chat("rpm-key", "gpt-x").statusCode()).isEqualTo(200);
    assertThat(ask(Client.CLAUDE, "rpm-key", "claude-x").statusCode()).isEqualTo(200);

    for (Client client : Client.values()) {
      String model =
          client == Client.CLAUDE ? "claude-x" : client == Client.GEMINI ? "gemini-x" : "gpt-x";
      HttpResponse<String> refused = ask(client, "rpm-key", model);

      assertThat(refused.statusCode()).as(client + ": " + refused.body()).isEqualTo(429);
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).as(client.name()).isBetween(1L, 60L);
      JsonNode body = json(refused);
      String message =
          switch (client) {
            case CHAT, RESPONSES -> {
              assertThat(body.path("error").path("type").asText()).isNotEmpty();
              yield body.path("error").path("message").asText();
            }
            case CLAUDE -> {
              assertThat(body.path("type").asText()).isEqualTo("error");
              assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
              yield body.path("error").path("message").asText();
            }
            case GEMINI -> {
              assertThat(body.path("error").path("code").asInt()).isEqualTo(429);
              assertThat(body.path("error").path("status").asText())
                  .isEqualTo("RESOURCE_EXHAUSTED");
              yield body.path("error").path("message").asText();
            }
          };
      assertThat(message)
          .as(client.name())
          .contains("'two a minute'", "2 requests per minute", "requests-per-minute")
          .contains("room again in " + retryAfter + "s")
          .doesNotContain("rpm-key");
    }
    assertThat(upstreamA.received().size() + upstreamB.received().size())
        .as("refused requests never reach an upstream")
        .isEqualTo(2);
    assertThat(chat("open-key", "gpt-x").statusCode())
        .as("other keys are not held to it")
        .isEqualTo(200);
  }

  @Test
  void aKeyBoundToAGroupNeverUsesAnotherGroupsAccountEvenWhenItsOwnFail() throws Exception {
    start();
    for (int i = 0; i < 6; i++) {
      assertThat(chat("open-key", "gpt-x").statusCode()).isEqualTo(200);
    }
    assertThat(upstreamA.received()).as("an unbound key is served by both groups").isNotEmpty();
    int beforeA = upstreamA.received().size();
    int beforeB = upstreamB.received().size();

    for (int i = 0; i < 6; i++) {
      assertThat(chat("group-key", "gpt-x").statusCode()).isEqualTo(200);
    }
    assertThat(upstreamA.received()).hasSize(beforeA);
    assertThat(upstreamB.received()).hasSize(beforeB + 6);

    upstreamB.failFor(
        "b-1",
        429,
        Map.of("Retry-After", "120"),
        "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");
    HttpResponse<String> failed = chat("group-key", "gpt-x");
    HttpResponse<String> resting = chat("group-key", "gpt-x");

    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(429);
    assertThat(resting.statusCode()).as(resting.body()).isEqualTo(429);
    assertThat(resting.headers().firstValue("Retry-After")).isPresent();
    assertThat(upstreamA.received()).as("fail closed: never group A").hasSize(beforeA);
    assertThat(chat("open-key", "gpt-x").statusCode())
        .as("the unbound key still reaches group A")
        .isEqualTo(200);
  }

  @Test
  void aKeyBoundToAGroupWithoutCredentialsForTheModelGetsA503SayingSo() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            """
            api-keys:
              - {key: lonely-key, credential-groups: [pool-z]}
            openai-compatibility:
            %s
            """
                .formatted(upstream("A", upstreamA, "pool-a")));

    HttpResponse<String> refused = ask(Client.CLAUDE, "lonely-key", "claude-x");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(json(refused).path("error").path("message").asText())
        .contains("credential groups pool-z", "model 'claude-x'", "credential_group");
    assertThat(upstreamA.received()).isEmpty();
  }

  @Test
  void budgetsStopAKeyAtItsLimitAndLimitsSurviveARestart() throws Exception {
    start();
    assertThat(chat("budget-key", "gpt-x").statusCode()).isEqualTo(200);
    assertThat(chat("budget-key", "gpt-x").statusCode()).isEqualTo(200);
    HttpResponse<String> overBudget = chat("budget-key", "gpt-x");
    assertThat(overBudget.statusCode()).as(overBudget.body()).isEqualTo(429);
    assertThat(json(overBudget).path("error").path("message").asText())
        .contains("'small budget'", "36 tokens per month; 36 used this month");
    assertThat(Long.parseLong(overBudget.headers().firstValue("Retry-After").orElseThrow()))
        .as("until the month ends")
        .isPositive();

    // 18 tokens at $1 per million each cost $0.000018; the budget is $0.00002
    assertThat(chat("cost-key", "gpt-x").statusCode()).isEqualTo(200);
    assertThat(chat("cost-key", "gpt-x").statusCode()).isEqualTo(200);
    HttpResponse<String> overCost = chat("cost-key", "gpt-x");
    assertThat(overCost.statusCode()).as(overCost.body()).isEqualTo(429);
    assertThat(json(overCost).path("error").path("code").asText()).isEqualTo("key_budget_exceeded");

    assertThat(chat("day-key", "gpt-x").statusCode()).isEqualTo(200);
    assertThat(chat("day-key", "gpt-x").statusCode()).isEqualTo(200);
    assertThat(chat("day-key", "gpt-x").statusCode()).isEqualTo(429);

    proxy.close();
    proxy = null;
    start();

    assertThat(chat("budget-key", "gpt-x").statusCode())
        .as("the month's tokens are read back")
        .isEqualTo(429);
    assertThat(chat("cost-key", "gpt-x").statusCode())
        .as("the month's cost is read back")
        .isEqualTo(429);
    HttpResponse<String> day = chat("day-key", "gpt-x");
    assertThat(day.statusCode()).as("the day's requests are read back").isEqualTo(429);
    assertThat(json(day).path("error").path("message").asText())
        .as("the refused request before the restart did not count")
        .contains("2 requests per day");
    assertThat(chat("open-key", "gpt-x").statusCode()).isEqualTo(200);
  }

  @Test
  void modelsAndProvidersOutsideAKeysAllowListsAre403() throws Exception {
    start();
    assertThat(chat("model-key", "gpt-x").statusCode()).isEqualTo(200);
    HttpResponse<String> claude = ask(Client.CLAUDE, "model-key", "claude-x");
    assertThat(claude.statusCode()).as(claude.body()).isEqualTo(403);
    assertThat(json(claude).path("error").path("type").asText()).isEqualTo("permission_error");
    assertThat(json(claude).path("error").path("message").asText())
        .contains("may not use model 'claude-x'", "gpt-*");
    HttpResponse<String> gemini = ask(Client.GEMINI, "model-key", "gemini-x");
    assertThat(gemini.statusCode()).isEqualTo(403);
    assertThat(json(gemini).path("error").path("status").asText()).isEqualTo("PERMISSION_DENIED");

    int beforeB = upstreamB.received().size();
    for (int i = 0; i < 4; i++) {
      assertThat(chat("provider-key", "gpt-x").statusCode()).isEqualTo(200);
    }
    assertThat(upstreamB.received()).as("provider b is not on its list").hasSize(beforeB);

    HttpResponse<String> listed =
        proxy.send(proxy.get("/v1/models").header("Authorization", "Bearer model-key"));
    HttpResponse<String> listedGemini =
        proxy.send(proxy.get("/v1beta/models").header("x-goog-api-key", "model-key"));
    HttpResponse<String> listedOpen =
        proxy.send(proxy.get("/v1/models").header("Authorization", "Bearer open-key"));
    assertThat(json(listed).path("data").findValuesAsText("id"))
        .as("a key's model list holds what it may use")
        .containsExactly("gpt-x");
    assertThat(json(listedGemini).path("models").findValuesAsText("name"))
        .containsExactly("models/gpt-x");
    assertThat(json(listedOpen).path("data").findValuesAsText("id"))
        .containsExactlyInAnyOrder("gpt-x", "claude-x", "gemini-x", "unpriced-x");

    HttpResponse<String> unpriced = chat("unpriced-key", "unpriced-x");
    assertThat(unpriced.statusCode()).as(unpriced.body()).isEqualTo(403);
    assertThat(json(unpriced).path("error").path("message").asText())
        .contains("no price for model 'unpriced-x'", "model-prices");
  }

  @Test
  void aKeyAtItsConcurrencyLimitIsRefusedUntilItsRequestEnds() throws Exception {
    start();
    String body = "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hold\"}]}";
    String raw =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer"
            + " one-at-a-time\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body;
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      assertThat(
              RunningProxy.eventually(
                  Duration.ofSeconds(10),
                  () -> upstreamA.holdsActive() + upstreamB.holdsActive() == 1))
          .isTrue();

      HttpResponse<String> second = chat("one-at-a-time", "gpt-x");

      assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
      assertThat(second.headers().firstValue("Retry-After")).contains("1");
      assertThat(json(second).path("error").path("message").asText())
          .contains("1 request at once", "concurrent-requests");
      assertThat(chat("open-key", "gpt-x").statusCode()).isEqualTo(200);
    }
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10), () -> statusOrZero("one-at-a-time") == 200))
        .as("the hung-up request no longer counts")
        .isTrue();
  }

  private int statusOrZero(String key) {
    try {
      return chat(key, "gpt-x").statusCode();
    } catch (Exception e) {
      return 0;
    }
  }
}
