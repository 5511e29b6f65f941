package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.RunningProxy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claude Code's captured requests replayed through the proxy to a Claude subscription: the upstream
 * receives Claude Code's body byte for byte (so its prompt cache keeps hitting), and Claude Code
 * receives the upstream's answer byte for byte, events, errors and all.
 */
class ClaudeCodeReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPSTREAM_400 =
      "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"fake upstream"
          + " error 400\"}}";

  /** One captured request and the answer the upstream gives it. */
  record Replay(String name, byte[] request, String contentType, int status, byte[] answer) {
    @Override
    public String toString() {
      return name;
    }
  }

  @TempDir static Path dir;
  static FakeClaudeUpstream upstream;
  static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    upstream = FakeClaudeUpstream.start().acceptOAuthToken(ClaudeEndToEndTest.TOKEN);
    proxy = ClaudeEndToEndTest.withClaudeAccount(dir, upstream);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  static Stream<Replay> replays() throws IOException {
    Path captures = Goldens.directory("claude/captures");
    try (Stream<Path> files = Files.list(captures)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("claude-code__"))
          .filter(f -> f.getFileName().toString().endsWith(".request.json"))
          .sorted()
          .map(ClaudeCodeReplayTest::replay)
          .filter(r -> r != null)
          .toList()
          .stream();
    }
  }

  /** The capture with its recorded answer; null for a probe whose answer broke the protocol. */
  private static Replay replay(Path request) {
    try {
      String name = request.getFileName().toString().replace(".request.json", "");
      byte[] body = Files.readAllBytes(request);
      boolean stream = JSON.readTree(body).path("stream").asBoolean(false);
      Path sse = request.resolveSibling(name + ".response.sse");
      Path json = request.resolveSibling(name + ".response.json");
      if (name.contains("error.400")) {
        return new Replay(name, body, "application/json", 400, UPSTREAM_400.getBytes());
      }
      if (stream && Files.exists(sse)) {
        return new Replay(name, body, "text/event-stream", 200, Files.readAllBytes(sse));
      }
      if (!stream && Files.exists(json)) {
        return new Replay(name, body, "application/json", 200, Files.readAllBytes(json));
      }
      return null;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replays")
  void claudeCodeAndTheUpstreamSeeEachOthersBytes(Replay replay) throws Exception {
    upstream.answerNextWith(
        new FakeClaudeUpstream.Canned(replay.status(), replay.contentType(), replay.answer()));

    HttpResponse<String> answer =
        proxy.send(
            proxy
                .post(
                    "/v1/messages?beta=true", new String(replay.request(), StandardCharsets.UTF_8))
                .header("x-api-key", "proxy-key")
                .header("user-agent", "claude-cli/2.1.330 (external, sdk-cli)")
                .header("x-app", "cli")
                .header("anthropic-version", "2023-06-01")
                .header(
                    "anthropic-beta",
                    "claude-code-20250219,interleaved-thinking-2025-05-14,"
                        + "context-management-2025-06-27,effort-2025-11-24")
                .header("anthropic-dangerous-direct-browser-access", "true")
                .header("x-stainless-lang", "js"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(replay.status());
    assertThat(answer.body()).isEqualTo(new String(replay.answer(), StandardCharsets.UTF_8));
    FakeClaudeUpstream.Received seen = upstream.last();
    assertThat(seen.rawBody()).as("the body Claude Code sent").isEqualTo(replay.request());
    assertThat(seen.header("user-agent")).isEqualTo("claude-cli/2.1.330 (external, sdk-cli)");
    assertThat(seen.header("x-stainless-lang")).isEqualTo("js");
    assertThat(seen.betas())
        .containsExactly(
            "claude-code-20250219",
            "interleaved-thinking-2025-05-14",
            "context-management-2025-06-27",
            "effort-2025-11-24",
            "oauth-2025-04-20");
    assertThat(seen.header("authorization")).isEqualTo("Bearer " + ClaudeEndToEndTest.TOKEN);
  }
}
