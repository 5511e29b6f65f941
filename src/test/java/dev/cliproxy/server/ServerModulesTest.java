package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.ProvidersProxy;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A module with its own path table, served next to the proxy API on the same port. */
class ServerModulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers each route with a line naming what it saw. */
  static final class ToyModule implements ServerModule {
    @Override
    public PathTable<Endpoint> routes() {
      return PathTable.<Endpoint>builder()
          .get("/toy/special", text(e -> "special"))
          .any("/toy/files/*", text(e -> e.method() + " files " + e.param(PathPattern.REST)))
          .get("/toy/{name}", text(e -> "hello " + e.param("name")))
          .get(
              "/toy/{name}/secret", ClientKeyCheck.required(text(e -> "secret " + e.param("name"))))
          .on(Set.of("POST"), "/toy/claude/{name}", Dialect.CLAUDE, text(e -> "claude"))
          .post("/toy/refuse", refusal())
          .get("/v1/models", text(e -> "toy models"))
          .post("/healthz", text(e -> "toy health"))
          .build();
    }

    private static Endpoint text(java.util.function.Function<Exchange, String> answer) {
      return exchange ->
          exchange
              .sink()
              .complete(
                  200,
                  "text/plain",
                  answer.apply(exchange).getBytes(StandardCharsets.UTF_8),
                  Map.of());
    }

    private static Endpoint refusal() {
      return exchange -> {
        throw ProxyError.invalidRequest("toy_refused", "The toy refuses.").toException();
      };
    }
  }

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  ProvidersProxy proxy;
  final ListAppender<ILoggingEvent> accessLines = new ListAppender<>();
  final Logger access = (Logger) LoggerFactory.getLogger("access");

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy =
        ProvidersProxy.withModules(
            dir,
            """
            api-keys: [good-key]
            openai-compatibility:
              - name: Up
                base-url: %s
                api-key-entries:
                  - api-key: up-1
                models:
                  - name: up-model
            """
                .formatted(upstream.baseUrl()),
            new ToyModule());
    accessLines.start();
    access.addAppender(accessLines);
  }

  @AfterEach
  void stop() throws Exception {
    access.detachAppender(accessLines);
    proxy.close();
    upstream.close();
  }

  @Test
  void paramsAndPrefixesReachTheModulesEndpointsInTableOrder() throws Exception {
    assertThat(get("/toy/alice").body()).isEqualTo("hello alice");
    assertThat(get("/toy/special").body()).isEqualTo("special");
    assertThat(get("/toy/files").body()).isEqualTo("GET files ");
    assertThat(get("/toy/files/a/b.txt").body()).isEqualTo("GET files a/b.txt");
    assertThat(proxy.send("DELETE", "/toy/files/a").body()).isEqualTo("DELETE files a");
  }

  @Test
  void theFirstModuleThatTakesTheMethodAndPathServesIt() throws Exception {
    HttpResponse<String> models = get("/v1/models", "Authorization", "Bearer good-key");
    assertThat(JSON.readTree(models.body()).path("data").get(0).path("id").asText())
        .isEqualTo("up-model");
    assertThat(get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
    // the proxy API takes only GET on /healthz, so a POST falls through to the next module
    assertThat(proxy.send("POST", "/healthz").body()).isEqualTo("toy health");
  }

  @Test
  void aKnownPathWithAnotherMethodIs405InTheRoutesDialect() throws Exception {
    HttpResponse<String> wrong = proxy.send("DELETE", "/toy/alice");
    assertThat(wrong.statusCode()).isEqualTo(405);
    JsonNode error = JSON.readTree(wrong.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("method_not_allowed");
    assertThat(error.path("message").asText())
        .contains("DELETE is not allowed on /toy/alice", "POST /v1/chat/completions");

    HttpResponse<String> claude = get("/toy/claude/bob");
    assertThat(claude.statusCode()).isEqualTo(405);
    JsonNode claudeError = JSON.readTree(claude.body());
    assertThat(claudeError.path("type").asText()).isEqualTo("error");
    assertThat(claudeError.path("error").path("message").asText()).contains("GET is not allowed");
  }

  @Test
  void aPathNoModuleKnowsIs404() throws Exception {
    HttpResponse<String> unknown = get("/toy/a/b/c");
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(unknown.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("unknown_route");
    assertThat(error.path("message").asText()).contains("GET /toy/a/b/c", "GET /v1/models");
  }

  @Test
  void anEndpointThatOptsIntoTheKeyCheckRefusesOtherClients() throws Exception {
    HttpResponse<String> missing = get("/toy/alice/secret");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(missing.body()).path("error").path("code").asText())
        .isEqualTo("missing_api_key");
    HttpResponse<String> wrong = get("/toy/alice/secret?key=bad-key");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).path("error").path("code").asText())
        .isEqualTo("invalid_api_key");
    assertThat(get("/toy/alice/secret", "x-api-key", "good-key").body()).isEqualTo("secret alice");
    assertThat(get("/toy/alice").statusCode()).as("no key check unless opted into").isEqualTo(200);
  }

  @Test
  void anEndpointsRefusalIsAnsweredInTheRoutesDialect() throws Exception {
    HttpResponse<String> refused = proxy.post("/toy/refuse", "{}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
        .isEqualTo("toy_refused");
  }

  @Test
  void theProxyApiStillServesModelCallsNextToTheModule() throws Exception {
    HttpResponse<String> chat =
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "Authorization",
            "Bearer good-key");
    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(chat.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo: hi");
  }

  @Test
  void everyRequestGetsOneAccessLine() throws Exception {
    get("/toy/alice");
    get("/toy/nowhere/at/all");
    proxy.send("DELETE", "/toy/alice");
    // the line is written once the answer is out, so the client may see the answer first
    assertThat(RunningProxy.eventually(Duration.ofSeconds(5), () -> accessLines().size() >= 3))
        .isTrue();
    assertThat(accessLines())
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).startsWith("GET /toy/alice 200 "))
        .anySatisfy(line -> assertThat(line).startsWith("GET /toy/nowhere/at/all 404 "))
        .anySatisfy(line -> assertThat(line).startsWith("DELETE /toy/alice 405 "))
        .hasSize(3);
  }

  private List<ILoggingEvent> accessLines() {
    synchronized (accessLines) {
      return List.copyOf(accessLines.list);
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return proxy.send("GET", path, headers);
  }
}
