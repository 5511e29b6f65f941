package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.pairs.ClientAnswerRules;
import dev.cliproxy.dialect.pairs.ClientStreamRules;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.RunningProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured real client request (Claude Code, Codex CLI, Gemini CLI and Code Assist, the
 * official SDKs) replayed through the server against a fake OpenAI-compatible upstream; each answer
 * must follow that client's wire rules (ref/clients.md).
 */
class CaptureReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One captured request: where it went, what it said, and which client dialect it speaks. */
  record Capture(String name, String path, String body, Dialect dialect, boolean envelope) {
    @Override
    public String toString() {
      return name;
    }

    String model() throws IOException {
      JsonNode parsed = JSON.readTree(body);
      if (parsed.hasNonNull("model")) {
        return parsed.get("model").asText();
      }
      String rest = path.substring(path.indexOf("/models/") + "/models/".length());
      return rest.substring(0, rest.indexOf(':'));
    }

    boolean streams() throws IOException {
      return path.contains("streamGenerateContent")
          || JSON.readTree(body).path("stream").asBoolean(false);
    }
  }

  @TempDir static Path dir;
  static FakeOpenAiUpstream upstream;
  static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    Set<String> models = new TreeSet<>();
    for (Capture capture : captures().toList()) {
      models.add(capture.model());
    }
    StringBuilder config = new StringBuilder();
    config
        .append("openai-compatibility:\n  - name: Up\n    base-url: ")
        .append(upstream.baseUrl())
        .append("\n    models:\n");
    for (String model : models) {
      config.append("      - name: up-model\n        alias: \"").append(model).append("\"\n");
    }
    proxy = RunningProxy.start(dir, config.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  static Stream<Capture> captures() throws IOException {
    Stream<Capture> claude =
        bodies(Goldens.directory("claude/captures"), ".request.json")
            .map(f -> capture(f, "/v1/messages?beta=true", Dialect.CLAUDE, false));
    Stream<Capture> responses =
        bodies(Goldens.directory("responses/captures"), ".request.json")
            .map(f -> capture(f, "/v1/responses", Dialect.OPENAI_RESPONSES, false));
    Stream<Capture> whole;
    try (Stream<Path> files = Files.walk(Goldens.directory("gemini/captures"))) {
      List<Path> list =
          Stream.concat(files.toList().stream(), listed(Goldens.directory("openai/captures")))
              .filter(p -> p.toString().endsWith(".json"))
              .sorted()
              .toList();
      whole = list.stream().map(CaptureReplayTest::fromFullCapture);
    }
    return Stream.of(claude, responses, whole).flatMap(s -> s);
  }

  private static Stream<Path> listed(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList().stream();
    }
  }

  private static Stream<Path> bodies(Path folder, String suffix) throws IOException {
    return listed(folder).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted();
  }

  private static Capture capture(Path file, String path, Dialect dialect, boolean envelope) {
    try {
      return new Capture(
          file.getFileName().toString(), path, Files.readString(file), dialect, envelope);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A capture file with its request's URL and body, as the harness recorded it. */
  private static Capture fromFullCapture(Path file) {
    try {
      JsonNode request = JSON.readTree(file.toFile()).path("request");
      String url = request.path("url").asText();
      String body = JSON.writeValueAsString(request.path("body"));
      Dialect dialect = url.contains("/chat/completions") ? Dialect.OPENAI_CHAT : Dialect.GEMINI;
      return new Capture(
          file.getParent().getFileName() + "/" + file.getFileName(),
          url,
          body,
          dialect,
          url.startsWith("/v1internal:"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void replayedCaptureGetsAnAnswerItsClientAccepts(Capture capture) throws Exception {
    HttpResponse<String> response = proxy.send(proxy.post(capture.path(), capture.body()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    if (capture.envelope()) {
      body = capture.streams() ? unwrapEvents(body) : GeminiCliEnvelope.unwrapResponse(body);
    }
    if (capture.streams()) {
      ClientStreamRules.check(capture.dialect(), body);
    } else {
      ClientAnswerRules.check(capture.dialect(), body);
    }
  }

  private static byte[] unwrapEvents(byte[] sse) throws IOException {
    SseEventReader reader = new SseEventReader(new ByteArrayInputStream(sse), 1 << 24);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] event;
    while ((event = reader.next()) != null) {
      out.write(GeminiCliEnvelope.unwrapEvent(event));
    }
    return out.toByteArray();
  }
}
