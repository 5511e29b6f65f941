package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.ProvidersProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed Claude answers, whole and streamed, reach clients decoded. */
class CompressedAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  FakeClaudeUpstream upstream;
  ProvidersProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeClaudeUpstream.start().acceptOAuthToken(ClaudeUpstreamTest.OAUTH_TOKEN);
    var config =
        new ConfigLoader(new ClaudeKind().configSchema())
            .parse("endpoints:\n  claude:\n    api: " + upstream.baseUrl() + "\n", dir)
            .config();
    proxy =
        ProvidersProxy.start(
            dir,
            List.of(
                ClaudeProvider.forAccounts(
                    config,
                    List.of(
                        ClaudeUpstreamTest.account(
                            "a@example.com", ClaudeUpstreamTest.OAUTH_TOKEN)),
                    ClaudeModels.builtIn())));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private static String ask(String text, boolean stream) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "deflate-raw", "br", "zstd"})
  void wholeAnswersAreDecoded(String encoding) throws Exception {
    upstream.compressWith(encoding);

    HttpResponse<String> claude = proxy.post("/v1/messages", ask("hello there", false));
    HttpResponse<String> chat =
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
    assertThat(claude.headers().firstValue("content-encoding")).isEmpty();
    assertThat(JSON.readTree(claude.body()).at("/content/0/text").asText())
        .isEqualTo("echo: hello there");
    assertThat(JSON.readTree(chat.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo: hi");
    assertThat(upstream.last().header("accept-encoding")).isEqualTo("gzip, deflate, br");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "deflate-raw", "br", "zstd"})
  void streamedAnswersAreDecoded(String encoding) throws Exception {
    upstream.compressWith(encoding);

    HttpResponse<String> claude = proxy.post("/v1/messages", ask("hello there", true));
    HttpResponse<String> chat =
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
    assertThat(claude.body())
        .contains("\"text\":\"echo\"")
        .contains("\"text\":\": he\"")
        .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    assertThat(chat.body()).contains("\"content\":\"echo\"").contains("[DONE]");
    assertThat(upstream.last().header("accept-encoding")).isEqualTo("gzip, deflate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void aCompressedStreamReachesTheClientEventByEvent(String encoding) throws Exception {
    upstream.compressWith(encoding);
    upstream.holdAfterFirstDelta();
    try {
      // The upstream sends nothing after its first text delta until the client has seen it.
      String firstDelta =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      HttpResponse<Stream<String>> answer =
                          proxy.postForLines("/v1/messages", ask("hello there", true));
                      Iterator<String> lines = answer.body().iterator();
                      while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.contains("text_delta")) {
                          return line;
                        }
                      }
                      return "";
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      assertThat(firstDelta).contains("\"text\":\"echo\"");
    } finally {
      upstream.release();
    }
  }

  @Test
  void aCompressedErrorIsReadableToo() throws Exception {
    upstream.compressWith("gzip");

    HttpResponse<String> answer =
        proxy.post(
            "/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"forged\"}]}]}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).at("/error/message").asText())
        .contains("Invalid `signature`");
  }
}
