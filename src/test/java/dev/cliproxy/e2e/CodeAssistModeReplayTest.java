package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.pairs.ClientAnswerRules;
import dev.cliproxy.dialect.pairs.ClientStreamRules;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.RunningProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemini CLI in its default "Login with Google" mode with {@code CODE_ASSIST_ENDPOINT} at the
 * proxy: every request of the captured Code Assist runs, setup calls first and then the model
 * calls, replayed in the order the CLI sent them against the proxy in front of an OpenAI-compatible
 * upstream and in front of a Claude one. The proxy answers the setup itself, in the shapes the CLI
 * reads (ref/clients.md, Gemini CLI's setup), and the model calls come back in the {@code
 * {"response":…}} envelope.
 */
class CodeAssistModeReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-proxy-gca";
  private static final String CAPTURED_PROJECT = "fake-project-123";

  @TempDir static Path dir;
  static FakeOpenAiUpstream upstream;
  static FakeClaudeUpstream claude;
  static RunningProxy proxy;
  static RunningProxy claudeProxy;

  /** A proxy in front of one non-Google upstream, and the bodies that upstream received. */
  record Served(String name, RunningProxy proxy, Supplier<List<JsonNode>> received) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One captured request: its file name (which orders the run), method, URL and body. */
  record Step(String name, String method, String url, String userAgent, String body) {}

  @BeforeAll
  static void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    Set<String> models = new TreeSet<>();
    for (String scenario : List.of("codeassist-hi", "codeassist-tool")) {
      for (Step step : steps(scenario)) {
        JsonNode model = JSON.readTree(step.body()).path("model");
        if (model.isTextual()) {
          models.add(model.asText());
        }
      }
    }
    proxy = RunningProxy.inFrontOf(dir, upstream, KEY, models.toArray(String[]::new));
    claude = FakeClaudeUpstream.start().acceptApiKey("sk-ant-up");
    StringBuilder yaml =
        new StringBuilder("api-keys: [")
            .append(KEY)
            .append("]\nclaude-api-key:\n  - api-key: sk-ant-up\n    base-url: ")
            .append(claude.baseUrl())
            .append("\n    models:\n");
    for (String model : models) {
      yaml.append("      - name: claude-opus-4-5\n        alias: \"").append(model).append("\"\n");
    }
    claudeProxy =
        RunningProxy.start(Files.createDirectories(dir.resolve("claude")), yaml.toString());
  }

  static Stream<Arguments> runs() {
    Served openAi =
        new Served(
            "openai-compatible",
            proxy,
            () -> upstream.received().stream().map(FakeOpenAiUpstream.Received::body).toList());
    Served anthropic =
        new Served(
            "claude",
            claudeProxy,
            () -> claude.received().stream().map(FakeClaudeUpstream.Received::body).toList());
    return Stream.of(openAi, anthropic)
        .flatMap(served ->
            Stream.of("codeassist-hi", "codeassist-tool")
                .map(scenario -> Arguments.of(scenario, served)));
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    claudeProxy.close();
    upstream.close();
    claude.close();
  }

  /** A scenario's setup captures and model-call captures, in the order the CLI sent them. */
  static List<Step> steps(String scenario) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("gemini/codeassist-setup/", "gemini/captures/gemini-cli/")) {
      try (Stream<Path> listed = Files.list(Goldens.directory(folder + scenario))) {
        listed.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
      }
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<Step> steps = new ArrayList<>();
    for (Path file : files) {
      JsonNode request = JSON.readTree(file.toFile()).path("request");
      steps.add(
          new Step(
              file.getFileName().toString(),
              request.path("method").asText(),
              request.path("url").asText(),
              request.path("headers").path("user-agent").asText(),
              JSON.writeValueAsString(request.path("body"))));
    }
    return steps;
  }

  @ParameterizedTest(name = "{0} against {1}")
  @MethodSource("runs")
  void everyRequestOfTheRunGetsAnAnswerTheCliAccepts(String scenario, Served served)
      throws Exception {
    List<Step> steps = steps(scenario);
    assertThat(steps.getFirst().url()).isEqualTo("/v1internal:loadCodeAssist");
    int upstreamBefore = served.received().get().size();
    int modelCalls = 0;
    String project = null;
    for (Step step : steps) {
      // the CLI sends back the project loadCodeAssist named
      String body = project == null ? step.body() : step.body().replace(CAPTURED_PROJECT, project);
      HttpResponse<String> response = served.proxy().send(request(served.proxy(), step, body));
      assertThat(response.statusCode()).as(step.name() + ": " + response.body()).isEqualTo(200);
      String method = step.url().substring("/v1internal:".length()).split("\\?")[0];
      switch (method) {
        case "loadCodeAssist" -> project = loadCodeAssistIsUsable(response.body());
        case "retrieveUserQuota" -> quotaListsTheServedModels(response.body());
        case "listExperiments" -> {
          JsonNode answer = JSON.readTree(response.body());
          assertThat(answer.path("experimentIds").isArray()).isTrue();
          assertThat(answer.path("flags").isArray()).isTrue();
        }
        case "generateContent" -> {
          modelCalls++;
          JsonNode answer = JSON.readTree(response.body());
          assertThat(answer.path("response").isObject()).isTrue();
          assertThat(answer.path("traceId").asText())
              .isEqualTo(answer.path("response").path("responseId").asText())
              .isNotEmpty();
          byte[] plain =
              GeminiCliEnvelope.unwrapResponse(response.body().getBytes(StandardCharsets.UTF_8));
          ClientAnswerRules.check(Dialect.GEMINI, plain);
        }
        case "streamGenerateContent" -> {
          modelCalls++;
          assertThat(response.headers().firstValue("content-type").orElse(""))
              .startsWith("text/event-stream");
          ClientStreamRules.check(Dialect.GEMINI, unwrapEvents(response.body()));
        }
        default -> throw new AssertionError("a captured method this test does not know: " + method);
      }
    }
    assertThat(project).isEqualTo("cliproxy");
    List<JsonNode> all = served.received().get();
    List<JsonNode> sent = all.subList(upstreamBefore, all.size());
    assertThat(sent).as("only the model calls reach the upstream").hasSize(modelCalls);
    for (JsonNode received : sent) {
      assertThat(received.has("project")).isFalse();
      assertThat(received.toString()).doesNotContain(project);
    }
  }

  /** What Gemini CLI's setupUser reads: a current tier, and a project so it need not onboard. */
  private static String loadCodeAssistIsUsable(String body) throws IOException {
    JsonNode answer = JSON.readTree(body);
    assertThat(answer.path("currentTier").path("id").asText()).isEqualTo("standard-tier");
    assertThat(answer.path("allowedTiers").isArray()).isTrue();
    assertThat(answer.path("allowedTiers").get(0).path("isDefault").asBoolean()).isTrue();
    assertThat(answer.path("ineligibleTiers").isMissingNode()).isTrue();
    JsonNode project = answer.path("cloudaicompanionProject");
    assertThat(project.isTextual()).as(body).isTrue();
    return project.asText();
  }

  private static void quotaListsTheServedModels(String body) throws IOException {
    JsonNode buckets = JSON.readTree(body).path("buckets");
    List<String> models = new ArrayList<>();
    for (JsonNode bucket : buckets) {
      models.add(bucket.path("modelId").asText());
      assertThat(bucket.path("remainingFraction").asDouble()).isEqualTo(1.0);
      assertThat(Instant.parse(bucket.path("resetTime").asText())).isAfter(Instant.now());
    }
    assertThat(models).contains("gemini-3-flash", "gemini-3.1-flash-lite");
  }

  @Test
  void onboardingIsAlreadyDoneAndItsOperationToo() throws Exception {
    JsonNode onboard =
        post(
            "/v1internal:onboardUser",
            "{\"tierId\":\"standard-tier\",\"metadata\":{\"pluginType\":\"GEMINI\"}}",
            200);
    assertThat(onboard.path("done").asBoolean()).isTrue();
    assertThat(onboard.path("response").path("cloudaicompanionProject").path("id").asText())
        .isEqualTo("cliproxy");
    HttpResponse<String> polled =
        proxy.send(authorized(proxy.get("/v1internal/" + onboard.path("name").asText())));
    assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
    JsonNode operation = JSON.readTree(polled.body());
    assertThat(operation.path("done").asBoolean()).isTrue();
    assertThat(operation.path("response").path("cloudaicompanionProject").path("id").asText())
        .isEqualTo("cliproxy");
  }

  @Test
  void theOtherSetupCallsGetTheirQuietAnswers() throws Exception {
    assertThat(
            post("/v1internal:fetchAdminControls", "{\"project\":\"cliproxy\"}", 200)
                .path("adminControlsApplicable")
                .asBoolean(true))
        .isFalse();
    assertThat(post("/v1internal:recordCodeAssistMetrics", "{\"metrics\":[]}", 200).isObject())
        .isTrue();
    assertThat(
            post(
                    "/v1internal:setCodeAssistGlobalUserSetting",
                    "{\"cloudaicompanionProject\":\"cliproxy\","
                        + "\"freeTierDataCollectionOptin\":true}",
                    200)
                .path("freeTierDataCollectionOptin")
                .asBoolean())
        .isTrue();
    HttpResponse<String> setting =
        proxy.send(authorized(proxy.get("/v1internal:getCodeAssistGlobalUserSetting")));
    assertThat(setting.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(setting.body()).path("cloudaicompanionProject").asText())
        .isEqualTo("cliproxy");
    HttpResponse<String> events = proxy.send(authorized(proxy.get("/v1internal/event:receive")));
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(events.body()).path("events").isArray()).isTrue();
  }

  @Test
  void theSetupCallsNeedTheClientKey() throws Exception {
    for (String method : List.of("loadCodeAssist", "retrieveUserQuota", "frobnicate")) {
      HttpResponse<String> missing = proxy.send(proxy.post("/v1internal:" + method, "{}"));
      assertThat(missing.statusCode()).as(method).isEqualTo(401);
      JsonNode error = JSON.readTree(missing.body()).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(401);
      assertThat(error.path("status").asText()).isEqualTo("UNAUTHENTICATED");
      HttpResponse<String> wrong =
          proxy.send(
              proxy
                  .post("/v1internal:" + method, "{}")
                  .header("Authorization", "Bearer ya29.not-a-proxy-key"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(wrong.body()).path("error").path("status").asText())
          .isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void anUnknownMethodGetsAGeminiNotFoundSayingWhatIsServed() throws Exception {
    JsonNode error = post("/v1internal:frobnicate", "{}", 404).path("error");
    assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.path("message").asText())
        .contains("frobnicate", "not supported", "loadCodeAssist", "streamGenerateContent");
    HttpResponse<String> below = proxy.send(authorized(proxy.get("/v1internal/projects/x")));
    assertThat(below.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(below.body()).path("error").path("status").asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void aModelCallOrASetupCallWithTheWrongHttpMethodIsRefusedInGemini() throws Exception {
    for (String path : List.of("/v1internal:generateContent", "/v1internal:loadCodeAssist")) {
      HttpResponse<String> wrong = proxy.send(authorized(proxy.get(path)));
      assertThat(wrong.statusCode()).as(path).isEqualTo(405);
      assertThat(JSON.readTree(wrong.body()).path("error").path("code").asInt()).isEqualTo(405);
    }
  }

  @Test
  void countTokensReadsTheModelInsideTheRequest() throws Exception {
    JsonNode count =
        post(
            "/v1internal:countTokens",
            "{\"request\":{\"model\":\"models/gemini-3-flash\","
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"say hi\"}]}]}}",
            200);
    assertThat(count.path("totalTokens").asLong()).isPositive();
  }

  private static JsonNode post(String path, String body, int status) throws Exception {
    HttpResponse<String> response = proxy.send(authorized(proxy.post(path, body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return request.header("Authorization", "Bearer " + KEY);
  }

  private static HttpRequest.Builder request(RunningProxy proxy, Step step, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(proxy.baseUrl() + step.url()))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("User-Agent", step.userAgent())
            .header("Authorization", "Bearer " + KEY);
    return step.method().equals("GET")
        ? request.GET()
        : request.POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static byte[] unwrapEvents(String sse) throws IOException {
    SseEventReader reader =
        new SseEventReader(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), 1 << 24);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] event;
    while ((event = reader.next()) != null) {
      JsonNode chunk = chunkOf(event);
      if (chunk != null) {
        assertThat(chunk.path("response").isObject()).as(chunk.toString()).isTrue();
        assertThat(chunk.path("traceId").asText()).as(chunk.toString()).isNotEmpty();
      }
      out.write(GeminiCliEnvelope.unwrapEvent(event));
    }
    return out.toByteArray();
  }

  private static JsonNode chunkOf(byte[] event) throws IOException {
    for (String line : new String(event, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("data:") && !line.substring(5).isBlank()) {
        return JSON.readTree(line.substring(5));
      }
    }
    return null;
  }
}
