package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.pairs.ClientAnswerRules;
import dev.cliproxy.dialect.pairs.ClientStreamRules;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.RunningProxy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The captured Codex CLI and Claude Code requests replayed through the server against the fake
 * Codex backend: Codex CLI's own model through a ChatGPT account file, Claude Code's model through
 * a {@code codex-api-key} alias. The backend refuses anything without the required headers and body
 * rules; each answer must follow its client's wire rules (ref/clients.md).
 */
class CodexCaptureReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One captured request body and the client that sent it. */
  record Capture(String name, String path, String body, Dialect dialect) {
    @Override
    public String toString() {
      return name;
    }

    boolean streams() throws IOException {
      return JSON.readTree(body).path("stream").asBoolean(false);
    }
  }

  @TempDir static Path dir;
  static FakeCodexBackend backend;
  static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    backend = FakeCodexBackend.start();
    backend.acceptAccessToken("at-replay", "acct-replay");
    backend.acceptApiKey("sk-codex-key");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("codex-replay@example.com.json"),
        CodexEndToEndTest.accountFile(
                "at-replay", "rt-replay", Instant.now().plus(Duration.ofDays(30)))
            .replace("acct-e2e", "acct-replay"));
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  codex:\n    api: "
                + backend.baseUrl()
                + "\n    auth: http://127.0.0.1:9\n"
                + "codex-api-key:\n  - api-key: sk-codex-key\n    base-url: "
                + backend.baseUrl()
                + "\n    models:\n"
                + "      - name: gpt-5-codex\n        alias: claude-opus-5-5\n"
                + "      - name: gpt-5.1-codex\n        alias: gpt-6.1-sol\n");
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    backend.close();
  }

  static Stream<Capture> captures() throws IOException {
    Stream<Capture> codex =
        bodies(Goldens.directory("responses/captures"), "codex")
            .map(f -> capture(f, "/v1/responses", Dialect.OPENAI_RESPONSES));
    Stream<Capture> claudeCode =
        bodies(Goldens.directory("claude/captures"), "claude-code__")
            .map(f -> capture(f, "/v1/messages?beta=true", Dialect.CLAUDE));
    return Stream.concat(codex, claudeCode);
  }

  private static Stream<Path> bodies(Path folder, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".request.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Capture capture(Path file, String path, Dialect dialect) {
    try {
      return new Capture(file.getFileName().toString(), path, Files.readString(file), dialect);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void aReplayedCaptureReachesTheCodexBackendAndItsClientAcceptsTheAnswer(Capture capture)
      throws Exception {
    int before = backend.received().size();
    HttpResponse<String> response = proxy.send(proxy.post(capture.path(), capture.body()));

    assertThat(response.statusCode())
        .as(response.body() + " / refused by the backend: " + backend.rejections())
        .isEqualTo(200);
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    if (capture.streams()) {
      ClientStreamRules.check(capture.dialect(), body);
    } else {
      ClientAnswerRules.check(capture.dialect(), body);
    }
    assertThat(backend.received()).hasSize(before + 1);
    FakeCodexBackend.Received sent = backend.received().get(before);
    assertThat(sent.body().path("stream").asBoolean()).isTrue();
    assertThat(sent.body().path("store").asBoolean(true)).isFalse();
    JsonNode original = JSON.readTree(capture.body());
    if (capture.dialect() == Dialect.OPENAI_RESPONSES) {
      assertThat(sent.header("authorization")).isIn("Bearer at-replay", "Bearer sk-codex-key");
      assertThat(sent.body().path("input"))
          .as("the Codex CLI's items pass unchanged")
          .isEqualTo(original.path("input"));
      assertThat(sent.body().path("tools")).isEqualTo(original.path("tools"));
    } else {
      assertThat(sent.header("authorization")).isEqualTo("Bearer sk-codex-key");
      assertThat(sent.header("chatgpt-account-id")).isNull();
      assertThat(sent.header("session_id"))
          .as("Claude Code's session header keys the backend session")
          .isNotBlank();
      assertThat(sent.body().path("model").asText()).isEqualTo("gpt-5-codex");
    }
  }
}
