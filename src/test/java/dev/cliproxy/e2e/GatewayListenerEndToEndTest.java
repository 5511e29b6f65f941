package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeGeminiApi;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RecordingListener;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a listener on the gateway hears, through the whole proxy: for each of the four client
 * dialects against each upstream kind (OpenAI-compatible, Codex, Claude and a Gemini API key; the
 * upstream of the client's own dialect passes the answer through untouched, the others translate),
 * streamed and whole, one accepted, at least one attempt and one delivered event with the
 * upstream's exact token counts; and a failover's two attempts with the rest the first one imposed.
 */
class GatewayListenerEndToEndTest {
  private static final String CLIENT_KEY = "client-key-1";

  /** An upstream kind behind the proxy: the alias that reaches it and the usage it reports. */
  enum Upstream {
    OPENAI_COMPAT("chat-model", ClientApi.OPENAI_CHAT, new Usage(11, 0, 0, 7, 0)),
    CODEX("codex-model", ClientApi.OPENAI_RESPONSES, new Usage(11, 0, 0, 7, 2)),
    CLAUDE("claude-model", ClientApi.CLAUDE_MESSAGES, new Usage(11, 0, 0, 7, 0)),
    /** FakeGeminiApi counts the prompt's words ("hello there") and three answer tokens. */
    GEMINI_KEY("gemini-model", ClientApi.GEMINI, new Usage(2, 0, 0, 3, 0));

    final String model;
    final ClientApi sameDialect;
    final Usage usage;

    Upstream(String model, ClientApi sameDialect, Usage usage) {
      this.model = model;
      this.sameDialect = sameDialect;
      this.usage = usage;
    }
  }

  @TempDir static Path dir;
  static FakeOpenAiUpstream openAi;
  static FakeCodexBackend codex;
  static FakeClaudeUpstream claude;
  static FakeGeminiApi gemini;
  static RunningProxy proxy;
  final RecordingListener events = new RecordingListener();

  @BeforeAll
  static void start() throws Exception {
    openAi = FakeOpenAiUpstream.start("up");
    codex = FakeCodexBackend.start();
    codex.acceptApiKey("sk-codex-key");
    claude = FakeClaudeUpstream.start().acceptApiKey("sk-ant-key");
    gemini = FakeGeminiApi.start("gemini-2.5-flash").acceptKey("gem-key");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: ["
                + CLIENT_KEY
                + "]\n"
                + "openai-compatibility:\n  - name: up\n    base-url: "
                + openAi.baseUrl()
                + "\n    api-key-entries:\n      - api-key: up-1\n      - api-key: up-2\n"
                + "    models:\n      - name: up-model\n        alias: chat-model\n"
                + "codex-api-key:\n  - api-key: sk-codex-key\n    base-url: "
                + codex.baseUrl()
                + "\n    models:\n      - name: gpt-5-codex\n        alias: codex-model\n"
                + "claude-api-key:\n  - api-key: sk-ant-key\n    base-url: "
                + claude.baseUrl()
                + "\n    models:\n      - name: claude-opus-4-5\n        alias: claude-model\n"
                + "gemini-api-key:\n  - api-key: gem-key\n    base-url: "
                + gemini.baseUrl()
                + "\n    models:\n      - name: gemini-2.5-flash\n        alias: gemini-model\n");
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    openAi.close();
    codex.close();
    claude.close();
    gemini.close();
  }

  @BeforeEach
  void listen() {
    proxy.app().gateway().listeners().add(events);
  }

  @AfterEach
  void stopListening() {
    proxy.app().gateway().listeners().remove(events);
    openAi.clearFailures();
  }

  static Stream<Arguments> everyClientEveryUpstream() {
    List<Arguments> cases = new ArrayList<>();
    for (ClientApi client :
        List.of(
            ClientApi.OPENAI_CHAT,
            ClientApi.OPENAI_RESPONSES,
            ClientApi.CLAUDE_MESSAGES,
            ClientApi.GEMINI)) {
      for (Upstream upstream : Upstream.values()) {
        for (boolean stream : new boolean[] {false, true}) {
          cases.add(Arguments.of(client, upstream, stream));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} client, {1} upstream, stream={2}")
  @MethodSource("everyClientEveryUpstream")
  void aListenerHearsOneRequestWithItsExactUsage(
      ClientApi client, Upstream upstream, boolean stream) throws Exception {
    HttpResponse<String> answer = send(client, upstream.model, stream, "hello there");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

    GatewayEvent.Delivered delivered = awaitDelivered();
    List<GatewayEvent> heard = events.ofRequest(delivered.requestId());
    assertThat(heard.get(0))
        .isInstanceOfSatisfying(
            GatewayEvent.Accepted.class,
            accepted -> {
              assertThat(accepted.api()).isEqualTo(client);
              assertThat(accepted.model()).hasValue(upstream.model);
              assertThat(accepted.stream()).isEqualTo(stream);
              assertThat(accepted.path()).startsWith("/v1");
              assertThat(accepted.clientKey())
                  .hasValueSatisfying(
                      k -> assertThat(k).startsWith("key-").doesNotContain(CLIENT_KEY));
            });
    assertThat(heard.stream().filter(GatewayEvent.Accepted.class::isInstance)).hasSize(1);
    assertThat(heard.stream().filter(GatewayEvent.Delivered.class::isInstance)).hasSize(1);
    assertThat(heard).last().isEqualTo(delivered);
    List<GatewayEvent.Attempted> attempts = attempts(delivered.requestId());
    assertThat(attempts).isNotEmpty();
    GatewayEvent.Attempted last = attempts.get(attempts.size() - 1);
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.passthrough()).isEqualTo(client == upstream.sameDialect);
    assertThat(last.firstByte()).isPresent();
    assertThat(last.upstreamWait()).isGreaterThanOrEqualTo(last.firstByte().get());
    assertThat(
            attempts.stream()
                .map(GatewayEvent.Attempted::upstreamWait)
                .reduce(Duration.ZERO, Duration::plus))
        .isLessThanOrEqualTo(delivered.elapsed());
    assertThat(delivered.credentialId()).isEqualTo(last.credentialId());
    assertThat(delivered.stream()).isEqualTo(stream);
    assertThat(delivered.complete()).isTrue();
    assertThat(delivered.usage()).hasValue(upstream.usage);
  }

  @Test
  void aFailoverShowsBothAttemptsAndTheRestTheFirstImposed() throws Exception {
    openAi.failFor(
        "up-1",
        429,
        Map.of("Retry-After", "30", "Content-Type", "application/json"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}");
    // the round robin may start on up-2; then the next request starts on the refused up-1
    List<GatewayEvent.Attempted> attempts = List.of();
    GatewayEvent.Delivered delivered = null;
    for (int request = 0; request < 2 && attempts.size() < 2; request++) {
      events.clear();
      HttpResponse<String> answer = send(ClientApi.CLAUDE_MESSAGES, "chat-model", true, "again");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      delivered = awaitDelivered();
      attempts = attempts(delivered.requestId());
    }
    assertThat(attempts).hasSize(2);
    GatewayEvent.Attempted first = attempts.get(0);
    assertThat(first.number()).isEqualTo(1);
    assertThat(first.credentialId()).contains("up");
    assertThat(first.status()).isEqualTo(429);
    assertThat(first.rest())
        .hasValueSatisfying(
            rest -> assertThat(rest).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
    assertThat(first.reason()).isNotBlank();
    GatewayEvent.Attempted second = attempts.get(1);
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.credentialId()).isNotEqualTo(first.credentialId());
    assertThat(second.rest()).isEmpty();
    assertThat(delivered.credentialId()).isEqualTo(second.credentialId());
    assertThat(delivered.usage()).hasValue(Upstream.OPENAI_COMPAT.usage);

    events.clear();
    send(ClientApi.CLAUDE_MESSAGES, "chat-model", false, "resting");
    assertThat(attempts(awaitDelivered().requestId()))
        .singleElement()
        .satisfies(only -> assertThat(only.credentialId()).isEqualTo(second.credentialId()));
  }

  private List<GatewayEvent.Attempted> attempts(long requestId) {
    return events.ofRequest(requestId).stream()
        .filter(GatewayEvent.Attempted.class::isInstance)
        .map(GatewayEvent.Attempted.class::cast)
        .toList();
  }

  private GatewayEvent.Delivered awaitDelivered() {
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(5), () -> !events.of(GatewayEvent.Delivered.class).isEmpty()))
        .as("a Delivered event; heard %s", events.events())
        .isTrue();
    return events.of(GatewayEvent.Delivered.class).get(0);
  }

  private static HttpResponse<String> send(
      ClientApi client, String model, boolean stream, String text) throws Exception {
    String path;
    String body;
    switch (client) {
      case OPENAI_CHAT -> {
        path = "/v1/chat/completions";
        body =
            "{\"model\":\"%s\",\"stream\":%s,%s\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}"
                .formatted(
                    model,
                    stream,
                    stream ? "\"stream_options\":{\"include_usage\":true}," : "",
                    text);
      }
      case OPENAI_RESPONSES -> {
        path = "/v1/responses";
        body =
            "{\"model\":\"%s\",\"stream\":%s,\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"%s\"}]}]}"
                .formatted(model, stream, text);
      }
      case CLAUDE_MESSAGES -> {
        path = "/v1/messages";
        body =
            "{\"model\":\"%s\",\"stream\":%s,\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}"
                .formatted(model, stream, text);
      }
      case GEMINI -> {
        path =
            "/v1beta/models/"
                + model
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"%s\"}]}]}".formatted(text);
      }
      default -> throw new IllegalArgumentException(client.toString());
    }
    return proxy.send(
        proxy
            .post(path, body)
            .header("Authorization", "Bearer " + CLIENT_KEY)
            .header("anthropic-version", "2023-06-01"));
  }
}
