package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.amp.AmpSecret;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.AmpAnswer;
import dev.cliproxy.testing.FakeAmpcode;
import dev.cliproxy.testing.FakeClaudeAuth;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeGeminiApi;
import dev.cliproxy.testing.FakeHttpForwardProxy;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.LogCapture;
import dev.cliproxy.testing.RunningProxy;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole proxy with {@code debug}, {@code logging-to-file} and {@code request-log} on, driven
 * through every route and failure path with a distinct secret in every place a secret can be:
 * client keys in each of the four places (valid, wrong, after a reload), upstream keys of every
 * kind answering 200, 401, 429 and 500, OAuth access and refresh tokens in account files refreshed
 * against fake token endpoints (and one refresh refused), the Amp secret from the config, the
 * environment and the secrets file, relayed and unreachable, and the management key in the config.
 * Afterwards no log line, neither any file under the logs directory nor any event the root logger
 * saw (a superset of the console), holds a secret or its first 24 characters.
 */
class SecretsNeverLoggedTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int PREFIX = 24;
  private static final String CHAT =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String MESSAGES =
      "{\"model\":\"%s\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String GEMINI =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
  private static final String RESPONSES = "{\"model\":\"gpt-5-codex\",\"input\":\"hi\"}";
  private static final String CODEX_ACCOUNT = "acct-logsecrets";

  /** Every secret by name; each is longer than {@value #PREFIX} characters unless issued. */
  private final Map<String, String> secrets = new LinkedHashMap<>();

  private final Map<String, String> environment = new ConcurrentHashMap<>();

  private final String clientBearer = secret("client-bearer");
  private final String clientXApiKey = secret("client-x-api-key");
  private final String clientGoog = secret("client-goog");
  private final String clientQuery = secret("client-query");
  private final String clientReloaded = secret("client-reloaded");
  private final String wrongBearer = secret("wrong-bearer");
  private final String wrongXApiKey = secret("wrong-x-api-key");
  private final String wrongGoog = secret("wrong-goog");
  private final String wrongQuery = secret("wrong-query");
  private final String managementKey = secret("management-key");
  private final String metricsKey = secret("metrics-key");
  private final String upOk = secret("upstream-ok");
  private final String up401 = secret("upstream-401");
  private final String up429 = secret("upstream-429");
  private final String up500 = secret("upstream-500");
  private final String upReloaded = secret("upstream-reloaded");
  private final String codexKey = secret("codex-key");
  private final String codexBadKey = secret("codex-bad-key");
  private final String codexAccess = secret("codex-access");
  private final String codexRefresh = secret("codex-refresh");
  private final String codexDeadAccess = secret("codex-dead-access");
  private final String codexDeadRefresh = secret("codex-dead-refresh");
  private final String claudeKey = secret("claude-key");
  private final String claudeBadKey = secret("claude-bad-key");
  private final String claudeExpiredAccess = secret("sk-ant-oat01-claude-expired");
  private final String geminiKey = secret("gemini-key");
  private final String geminiBadKey = secret("gemini-bad-key");
  private final String ampConfigKey = secret("amp-config-key");
  private final String ampEnvironmentKey = secret("amp-environment-key");
  private final String ampFileKey = secret("amp-file-key");
  private final String ampMappedKey = secret("amp-mapped-key");
  private final String upHeaderToken = secret("upstream-header-token");
  private final String upViaDeadProxy = secret("upstream-via-dead-proxy");
  private final String forwardPassword = secret("forward-proxy-password");
  private final String deadProxyPassword = secret("dead-proxy-password");
  private final String brokenConfigKey = secret("broken-config-key");

  @TempDir Path dir;
  private FakeOpenAiUpstream up;
  private FakeCodexBackend codex;
  private FakeOpenAiAuth openAiAuth;
  private FakeClaudeUpstream claude;
  private FakeClaudeAuth claudeAuth;
  private FakeGeminiApi google;
  private FakeAmpcode amp;
  private FakeHttpForwardProxy forward;
  private RunningProxy proxy;
  private LogCapture capture;

  @BeforeEach
  void start() throws Exception {
    up = FakeOpenAiUpstream.start("up");
    up.failFor(up401, 401, Map.of(), "{\"error\":{\"message\":\"bad key\",\"type\":\"auth\"}}");
    up.failFor(up429, 429, Map.of("Retry-After", "1"), "{\"error\":{\"message\":\"quota\"}}");
    up.failFor(up500, 500, Map.of(), "{\"error\":{\"message\":\"boom\"}}");
    codex = FakeCodexBackend.start();
    codex.acceptApiKey(codexKey);
    codex.acceptAccessToken("at_fake_1", CODEX_ACCOUNT);
    openAiAuth = FakeOpenAiAuth.start();
    openAiAuth.acceptRefreshToken(codexRefresh);
    openAiAuth.identity(new FakeOpenAiAuth.Identity("codex@example.com", CODEX_ACCOUNT, "pro"));
    claudeAuth = FakeClaudeAuth.start("me@example.com");
    claudeAuth.emailInRefresh(false);
    claude =
        FakeClaudeUpstream.start()
            .acceptApiKey(claudeKey)
            .acceptOAuthTokensStartingWith("sk-ant-oat01-fake-");
    google = FakeGeminiApi.start("gemini-2.5-flash").acceptKey(geminiKey);
    amp = FakeAmpcode.start();
    forward = FakeHttpForwardProxy.start("fwd-user", forwardPassword);
    secrets.put(
        "forward-proxy-authorization",
        Base64.getEncoder().encodeToString(("fwd-user:" + forwardPassword).getBytes(UTF_8)));
    amp.answer("/api/user", AmpAnswer.json(200, "{\"id\":\"user-1\"}"));
    writeAccounts();
    Files.createDirectories(dir.resolve("home"));
    proxy =
        RunningProxy.start(
            dir,
            config(
                List.of(clientBearer, clientXApiKey, clientGoog, clientQuery),
                List.of(
                    "{api-key: "
                        + upOk
                        + ", proxy-url: \"http://fwd-user:"
                        + forwardPassword
                        + "@127.0.0.1:"
                        + forward.port()
                        + "\"}",
                    "api-key: " + up401,
                    "api-key: " + up429,
                    "api-key: " + up500,
                    "{api-key: "
                        + upViaDeadProxy
                        + ", proxy-url: \"http://dead:"
                        + deadProxyPassword
                        + "@127.0.0.1:"
                        + closedPort()
                        + "\"}"),
                amp.url(),
                "  upstream-api-key: "
                    + ampConfigKey
                    + "\n  upstream-api-keys:\n"
                    + "    - upstream-api-key: "
                    + ampMappedKey
                    + "\n"
                    + "      api-keys: ["
                    + clientXApiKey
                    + "]\n"),
            ProxyWiring.standard()
                .withRefreshTick(Duration.ofMillis(100))
                .withAmpSecret(
                    new AmpSecret(dir.resolve("home"), environment::get, Clock.systemUTC())));
    capture = LogCapture.onRoot();
  }

  @AfterEach
  void stop() throws Exception {
    try (LogCapture c = capture;
        FakeOpenAiUpstream u = up;
        FakeCodexBackend x = codex;
        FakeClaudeUpstream a = claude;
        FakeClaudeAuth b = claudeAuth;
        FakeGeminiApi g = google;
        FakeAmpcode m = amp;
        FakeHttpForwardProxy f = forward) {
      if (proxy != null) {
        proxy.close();
      }
      openAiAuth.close();
    }
  }

  @Test
  void noSecretNorItsFirst24CharactersReachesAnyLogLine() throws Exception {
    awaitRefreshes();
    clientKeysInEveryPlace();
    upstreamKeysAndTheirFailures();
    ampRelayedWithTheConfigKey();
    expect(200, get("/metrics", "Authorization", "Bearer " + metricsKey));
    expect(200, get("/metrics", "Authorization", "Bearer " + secret("wrong-metrics-key")));
    reloadWithChangedKeysAndAnUnreachableAmp();
    brokenConfigsAreRefused();
    proxy.app().requestLogs().drain();
    proxy.close();
    proxy = null;

    assertThat(capture.attached()).as("the capture outlived every LogSetup.apply").isTrue();
    List<String> captured = capture.lines();
    List<String> fileLines = fileLines();
    List<String> all = new ArrayList<>(captured);
    all.addAll(fileLines);
    assertThat(hits(all)).as("log lines holding a secret").isEmpty();
    assertThat(fileLines)
        .as("the file got DEBUG lines and the access log, its query masked")
        .anyMatch(l -> l.contains(" DEBUG "))
        .anyMatch(l -> l.contains("GET /nope?key=*** 404"));
    assertThat(captured)
        .as("the capture saw failures and the access log, its query masked")
        .anyMatch(l -> l.startsWith("WARN [dev.cliproxy.gateway.Failover]"))
        .anyMatch(l -> l.contains("/v1beta/models/gemini-2.5-flash:generateContent?key=*** 200"))
        .anyMatch(l -> l.contains("/v1/models?key=*** 401"));
  }

  private void awaitRefreshes() throws Exception {
    Path codexFile = proxy.authDir().resolve("codex-codex@example.com.json");
    assertThat(eventually(WAIT, () -> read(codexFile).contains("rt_fake_1")))
        .as("the codex account was refreshed")
        .isTrue();
    Path claudeFile = proxy.authDir().resolve("claude-me@example.com.json");
    assertThat(eventually(WAIT, () -> read(claudeFile).contains("sk-ant-oat01-fake-")))
        .as("the claude account was refreshed")
        .isTrue();
    assertThat(eventually(WAIT, () -> openAiAuth.received("/oauth/token").size() >= 2))
        .as("the dead codex account's refresh was tried and refused")
        .isTrue();
    issued("at_fake_1", "rt_fake_1", "sk-ant-oat01-fake-1", "sk-ant-ort01-fake-1");
  }

  private void clientKeysInEveryPlace() throws Exception {
    expect(
        200,
        post(
            "/v1/chat/completions",
            CHAT.formatted("up-model"),
            "Authorization",
            "Bearer " + clientBearer));
    expect(
        200,
        post("/v1/messages", MESSAGES.formatted("claude-sonnet-4-5"), "x-api-key", clientXApiKey));
    expect(200, post(geminiPath(""), GEMINI, "x-goog-api-key", clientGoog));
    expect(200, post(geminiPath("?key=" + clientQuery), GEMINI));
    expect(200, get("/v1/models?key=" + clientQuery));
    expect(
        401,
        post(
            "/v1/chat/completions",
            CHAT.formatted("up-model"),
            "Authorization",
            "Bearer " + wrongBearer));
    expect(
        401,
        post("/v1/messages", MESSAGES.formatted("claude-sonnet-4-5"), "x-api-key", wrongXApiKey));
    expect(401, post(geminiPath(""), GEMINI, "x-goog-api-key", wrongGoog));
    expect(401, post(geminiPath("?alt=sse&key=" + wrongQuery), GEMINI));
    expect(401, get("/v1/models?key=" + wrongQuery));
    expect(401, get("/v1/models?api_key=" + wrongQuery + "&access_token=" + wrongBearer));
    expect(404, get("/nope?key=" + clientQuery));
    String big = CHAT.formatted("up-model").replace("hi", "a".repeat(2 << 20));
    // On a connection of its own: after the early 413 the server may misread the next request
    // on the same connection (issue 18 part 1), which would break the requests after this one.
    try (HttpClient once = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      once.send(
          proxy.post("/v1/chat/completions?key=" + clientQuery, big).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException hungUpOnTheRestOfTheBody) {
      // the answer to an oversized body may close the connection before it is all sent
    }
  }

  private void upstreamKeysAndTheirFailures() throws Exception {
    for (int i = 0; i < 6; i++) {
      expect(
          200,
          post(
              "/v1/chat/completions",
              CHAT.formatted("up-model"),
              "Authorization",
              "Bearer " + clientBearer));
    }
    assertThat(up.received())
        .extracting(r -> r.header("authorization"))
        .as("every upstream key was tried")
        .contains("Bearer " + upOk, "Bearer " + up401, "Bearer " + up429, "Bearer " + up500);
    assertThat(forward.forwarded()).as("the key with a proxy-url went through it").isNotEmpty();
    for (int i = 0; i < 5; i++) {
      expect(200, post("/v1/responses", RESPONSES, "Authorization", "Bearer " + clientBearer));
      expect(
          200,
          post(
              "/v1/messages", MESSAGES.formatted("claude-sonnet-4-5"), "x-api-key", clientXApiKey));
    }
    google.exhaustNext(geminiKey, "1s");
    for (int i = 0; i < 3; i++) {
      post(geminiPath(""), GEMINI, "x-goog-api-key", clientGoog);
    }
    assertThat(codex.received())
        .extracting(r -> r.header("authorization"))
        .contains("Bearer " + codexKey, "Bearer " + codexBadKey, "Bearer at_fake_1");
    assertThat(claude.received())
        .extracting(r -> r.header("x-api-key"))
        .contains(claudeKey, claudeBadKey);
    assertThat(google.received())
        .extracting(r -> r.header("x-goog-api-key"))
        .contains(geminiKey, geminiBadKey);
  }

  private void ampRelayedWithTheConfigKey() throws Exception {
    expect(200, get("/api/user", "Authorization", "Bearer " + clientBearer));
    get("/api/internal?getUserInfo&key=" + clientQuery);
    expect(
        200,
        post(
            "/api/provider/openai/v1/chat/completions",
            CHAT.formatted("up-model"),
            "Authorization",
            "Bearer " + clientBearer));
    post(
        "/api/provider/anthropic/v1/messages",
        MESSAGES.formatted("claude-nobody-serves"),
        "x-api-key",
        clientXApiKey);
    expect(200, get("/api/user", "x-api-key", clientXApiKey));
    assertThat(amp.received().toString())
        .as("the config key and the client's mapped key went to Amp")
        .contains(ampConfigKey, ampMappedKey);
  }

  private void reloadWithChangedKeysAndAnUnreachableAmp() throws Exception {
    String unreachable = "http://127.0.0.1:" + closedPort();
    environment.put(AmpSecret.ENVIRONMENT_VARIABLE, ampEnvironmentKey);
    proxy.rewriteConfig(
        config(List.of(clientReloaded), List.of("api-key: " + upReloaded), unreachable, ""));
    assertThat(eventually(WAIT, () -> modelsStatus(clientReloaded) == 200))
        .as("the reload took the new client key")
        .isTrue();
    expect(401, get("/v1/models", "Authorization", "Bearer " + clientBearer));
    expect(
        200,
        post(
            "/v1/chat/completions",
            CHAT.formatted("up-model"),
            "Authorization",
            "Bearer " + clientReloaded));
    assertThat(up.received().getLast().header("authorization")).isEqualTo("Bearer " + upReloaded);
    expect(502, get("/api/user?key=" + clientReloaded));
    expect(
        200,
        post(
            "/v1/chat/completions",
            CHAT.formatted("up-model").replace("}]}", "}]," + "\"stream\":true}"),
            "Authorization",
            "Bearer " + clientReloaded));
    environment.remove(AmpSecret.ENVIRONMENT_VARIABLE);
    Path secretsFile = dir.resolve("home/.local/share/amp/secrets.json");
    Files.createDirectories(secretsFile.getParent());
    Files.writeString(secretsFile, "{\"apiKey@" + unreachable + "/\":\"" + ampFileKey + "\"}");
    expect(502, get("/api/user", "x-api-key", clientReloaded));
    expect(
        502,
        post(
            "/api/provider/anthropic/v1/messages",
            MESSAGES.formatted("claude-nobody-serves"),
            "x-api-key",
            clientReloaded));
  }

  /** A reload that fails keeps the config before it; its error names no value of the file. */
  private void brokenConfigsAreRefused() throws Exception {
    String good = Files.readString(dir.resolve("config.yaml"));
    List<String> broken =
        List.of(
            good.replaceFirst("api-keys: \\[[^\\]]*\\]", "api-keys: [" + brokenConfigKey),
            good + "api-keys: [" + brokenConfigKey + "]\n",
            good.replaceFirst("api-keys: \\[[^\\]]*\\]", "api-keys: {" + brokenConfigKey + ": 1}"));
    for (String text : broken) {
      long before = configWatcherWarnings();
      proxy.writeRaw(text);
      assertThat(eventually(WAIT, () -> configWatcherWarnings() > before))
          .as("the watcher reported the broken file")
          .isTrue();
      expect(200, get("/v1/models", "Authorization", "Bearer " + clientReloaded));
      expect(401, get("/v1/models", "Authorization", "Bearer " + brokenConfigKey));
    }
  }

  private long configWatcherWarnings() {
    return capture.lines().stream()
        .filter(l -> l.matches("(?s)(WARN|ERROR) \\[dev\\.cliproxy\\.config\\.ConfigWatcher].*"))
        .count();
  }

  /** Each line that holds a secret or its first {@value #PREFIX} characters, with its name. */
  private List<String> hits(List<String> lines) {
    List<String> hits = new ArrayList<>();
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      String value = secret.getValue();
      String prefix = value.substring(0, Math.min(PREFIX, value.length()));
      for (String line : lines) {
        if (line.contains(prefix)) {
          hits.add(secret.getKey() + ": " + line);
        }
      }
    }
    return hits;
  }

  private List<String> fileLines() throws Exception {
    Path logs = dir.resolve("logs");
    assertThat(logs.resolve("main.log")).exists();
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(logs)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertThat(all)
          .as("request-log is on: the requests' own files are among those scanned")
          .anyMatch(f -> f.getFileName().toString().startsWith("request-"));
      for (Path file : all) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  private String config(
      List<String> clientKeys, List<String> upstreamKeys, String ampUrl, String ampKey) {
    StringBuilder upKeys = new StringBuilder();
    upstreamKeys.forEach(k -> upKeys.append("      - ").append(k).append('\n'));
    return """
    debug: true
    logging-to-file: true
    request-log: true
    max-body-size-mb: 1
    api-keys: [%s]
    remote-management:
      secret-key: %s
    metrics:
      key: %s
    endpoints:
      codex: {api: %s, auth: %s}
      claude: {api: %s, token: %s, authorize: %s}
      gemini: {api: %s}
    openai-compatibility:
      - name: Up
        base-url: %s
        headers: {X-Upstream-Token: %s}
        api-key-entries:
    %s    models:
          - {name: up-model, alias: up-model}
    codex-api-key:
      - {api-key: %s, base-url: %s}
      - {api-key: %s, base-url: %s}
    claude-api-key:
      - api-key: %s
      - api-key: %s
    gemini-api-key:
      - api-key: %s
      - api-key: %s
    ampcode:
      upstream-url: %s
    %s\
    """
        .formatted(
            String.join(", ", clientKeys),
            managementKey,
            metricsKey,
            codex.baseUrl(),
            openAiAuth.baseUrl(),
            claude.baseUrl(),
            claudeAuth.tokenUrl(),
            claudeAuth.authorizeUrl(),
            google.baseUrl(),
            up.baseUrl(),
            upHeaderToken,
            upKeys,
            codexKey,
            codex.baseUrl(),
            codexBadKey,
            codex.baseUrl(),
            claudeKey,
            claudeBadKey,
            geminiKey,
            geminiBadKey,
            ampUrl,
            ampKey);
  }

  private void writeAccounts() throws Exception {
    Path auth = Files.createDirectories(dir.resolve("auth"));
    String codexTemplate =
        CodexEndToEndTest.accountFile("%s", "%s", Instant.now().plus(Duration.ofDays(1)));
    Files.writeString(
        auth.resolve("codex-codex@example.com.json"),
        codexTemplate
            .formatted(codexAccess, codexRefresh)
            .replace("e2e@", "codex@")
            .replace("acct-e2e", CODEX_ACCOUNT));
    Files.writeString(
        auth.resolve("codex-dead@example.com.json"),
        codexTemplate
            .formatted(codexDeadAccess, codexDeadRefresh)
            .replace("e2e@", "dead@")
            .replace("acct-e2e", CODEX_ACCOUNT));
    secrets.put("codex-id-token", codexTemplate.replaceAll(".*\"id_token\":\"([^\"]+)\".*", "$1"));
    String claudeRefresh = claudeAuth.issueRefreshToken();
    Files.writeString(
        auth.resolve("claude-me@example.com.json"),
        "{\"access_token\":\""
            + claudeExpiredAccess
            + "\",\"refresh_token\":\""
            + claudeRefresh
            + "\",\"email\":\"me@example.com\",\"type\":\"claude\","
            + "\"expired\":\"2026-01-01T08:00:00Z\"}\n");
  }

  private String secret(String name) {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    String value = name + "-" + HexFormat.of().formatHex(random);
    secrets.put(name, value);
    return value;
  }

  /** Tokens the fakes issue: short, so only the whole token is searched for. */
  private void issued(String... tokens) {
    for (String token : tokens) {
      secrets.put("issued " + token, token);
    }
  }

  private static String geminiPath(String query) {
    return "/v1beta/models/gemini-2.5-flash:generateContent" + query;
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = proxy.post(path, body);
    return proxy.send(headers.length == 0 ? request : request.headers(headers));
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = proxy.get(path);
    return proxy.send(headers.length == 0 ? request : request.headers(headers));
  }

  private static void expect(int status, HttpResponse<String> answer) {
    assertThat(answer.statusCode())
        .as(answer.request().uri() + ": " + answer.body())
        .isEqualTo(status);
  }

  private int modelsStatus(String clientKey) {
    try {
      return get("/v1/models", "Authorization", "Bearer " + clientKey).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
