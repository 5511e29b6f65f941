package dev.cliproxy.provider.geminicli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.TerminalLines;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.testing.FakeCodeAssist;
import dev.cliproxy.testing.FakeGoogleOAuth;
import dev.cliproxy.testing.LoginTerminal;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --login} against a fake Google consent page, token endpoint and userinfo, and a fake Code
 * Assist with its project list and Service Usage.
 */
class GeminiCliLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL = "user@example.com";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir Path dir;
  FakeGoogleOAuth google;
  FakeCodeAssist codeAssist;
  UpstreamClients clients;
  int port;
  final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start(EMAIL);
    codeAssist =
        FakeCodeAssist.start()
            .acceptTokensStartingWith(FakeGoogleOAuth.ACCESS_PREFIX)
            .withProjects("alpha-1", "beta-2");
    clients = new UpstreamClients();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    codeAssist.close();
    google.close();
  }

  private GeminiCliEndpoints endpoints() {
    return GeminiCliEndpoints.of(
        new Config.Endpoints(
            Map.of(
                "gemini-cli",
                Map.of(
                    "authorize", google.authorizeUrl(),
                    "token", google.tokenUrl(),
                    "userinfo", google.userinfoUrl(),
                    "api", codeAssist.baseUrl(),
                    "projects", codeAssist.baseUrl(),
                    "serviceusage", codeAssist.baseUrl()))));
  }

  private GeminiCliLogin login(
      BrowserOpener browser, PrintWriter out, TerminalLines lines, int maxPolls) {
    return new GeminiCliLogin(
        endpoints(),
        clients.forProxy(Optional.empty()),
        new AuthDirectory(dir),
        browser,
        out,
        lines,
        Clock.fixed(NOW, ZoneOffset.UTC),
        port,
        new GeminiCliLogin.Onboarding(pauses::add, Duration.ofSeconds(5), maxPolls));
  }

  private GeminiCliLogin login(BrowserOpener browser, int maxPolls) {
    return login(
        browser,
        new PrintWriter(new StringWriter(), true),
        TerminalLines.of(new StringReader("")),
        maxPolls);
  }

  /**
   * A browser that approves at once and follows the redirect, its address changed by {@code edit}.
   */
  private BrowserOpener browser(UnaryOperator<String> edit) {
    return new BrowserOpener(
        "Linux",
        Map.of(),
        uri -> {
          CompletableFuture.runAsync(() -> {
            try {
              URI redirect = google.approve(uri);
              URI callback =
                  URI.create(
                      "http://127.0.0.1:"
                          + port
                          + redirect.getRawPath()
                          + "?"
                          + edit.apply(redirect.getRawQuery()));
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(callback).GET().build(),
                      HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          return true;
        },
        command -> false);
  }

  private BrowserOpener approving() {
    return browser(UnaryOperator.identity());
  }

  private List<Path> files() throws Exception {
    try (var list = Files.list(dir)) {
      return list.toList();
    }
  }

  @Test
  void oneProjectFromTheOptionIsOnboardedCheckedAndSavedInCliProxyApisLayout() throws Exception {
    codeAssist.finishOnboardingAfter(3);

    GeminiCliLogin.Result result = login(approving(), 10).run(false, Optional.of("beta-2"));

    assertThat(result.projects()).containsExactly("beta-2");
    Path file = dir.resolve("gemini-user@example.com-beta-2.json");
    assertThat(result.file()).isEqualTo(file);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    JsonNode saved = JSON.readTree(file.toFile());
    assertThat(saved.path("type").asText()).isEqualTo("gemini");
    assertThat(saved.path("email").asText()).isEqualTo(EMAIL);
    assertThat(saved.path("project_id").asText()).isEqualTo("beta-2");
    assertThat(saved.path("auto").asBoolean(true)).isFalse();
    assertThat(saved.path("checked").asBoolean()).isTrue();
    JsonNode token = saved.path("token");
    assertThat(token.path("access_token").asText()).startsWith(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(token.path("refresh_token").asText()).startsWith("1//fake-refresh-");
    assertThat(token.path("token_uri").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(token.path("client_id").asText()).isEqualTo(FakeGoogleOAuth.CLIENT_ID);
    assertThat(token.path("client_secret").asText()).isEqualTo(FakeGoogleOAuth.CLIENT_SECRET);
    assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.path("scopes")).hasSize(3);
    assertThat(Instant.parse(token.path("expiry").asText())).isEqualTo(NOW.plusSeconds(3599));
    assertThat(codeAssist.onboardPolls()).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(codeAssist.enabledProjects()).containsExactly("beta-2");
    FakeCodeAssist.Received load =
        codeAssist.received().stream()
            .filter(r -> r.pathAndQuery().equals("/v1internal:loadCodeAssist"))
            .findFirst()
            .orElseThrow();
    assertThat(load.header("user-agent")).isEqualTo("google-api-nodejs-client/9.15.1");
    assertThat(load.body().path("cloudaicompanionProject").asText()).isEqualTo("beta-2");
  }

  @Test
  void allOnboardsEveryListedProjectIntoOneFile() throws Exception {
    GeminiCliLogin.Result result = login(approving(), 10).run(false, Optional.of("ALL"));

    assertThat(result.projects()).containsExactly("alpha-1", "beta-2");
    JsonNode saved = JSON.readTree(dir.resolve("gemini-user@example.com-all.json").toFile());
    assertThat(saved.path("project_id").asText()).isEqualTo("alpha-1,beta-2");
    assertThat(codeAssist.enabledProjects()).containsExactlyInAnyOrder("alpha-1", "beta-2");
  }

  @Test
  void withoutTheOptionTheUserPicksAtThePromptByIndex() throws Exception {
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<GeminiCliLogin.Result> done =
        CompletableFuture.supplyAsync(() -> {
          try {
            return login(approving(), terminal.out(), TerminalLines.of(terminal.in()), 10)
                .run(false, Optional.empty());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    for (int i = 0; i < 400 && !terminal.toString().contains("or ALL: "); i++) {
      Thread.sleep(25);
    }
    assertThat(terminal.toString())
        .contains(
            "[1] alpha-1 (Project alpha-1)",
            "[2] beta-2 (Project beta-2)",
            "Enter project ID [alpha-1] or ALL: ");
    terminal.type("gamma");
    terminal.type("2");

    assertThat(done.get().projects()).containsExactly("beta-2");
    assertThat(terminal.toString()).contains("'gamma' is not one of the listed projects");
    assertThat(dir.resolve("gemini-user@example.com-beta-2.json")).exists();
  }

  @Test
  void onboardingThatNeverFinishesStopsAtTheBoundAndSavesNothing() throws Exception {
    codeAssist.neverFinishOnboarding();

    assertThatThrownBy(() -> login(approving(), 4).run(false, Optional.of("alpha-1")))
        .isInstanceOf(LoginException.class)
        .satisfies(e ->
            assertThat(((LoginException) e).reason())
                .isEqualTo(LoginException.Reason.ONBOARDING_FAILED))
        .hasMessageContaining("did not finish after 4 checks")
        .hasMessageContaining("run the login again");
    assertThat(codeAssist.onboardPolls()).isEqualTo(4);
    assertThat(files()).isEmpty();
  }

  @Test
  void aProjectTheAccountDoesNotHaveIsRefusedBeforeOnboarding() throws Exception {
    assertThatThrownBy(() -> login(approving(), 4).run(false, Optional.of("alpha-1,nope")))
        .satisfies(e ->
            assertThat(((LoginException) e).reason()).isEqualTo(LoginException.Reason.NO_PROJECT))
        .hasMessageContaining("nope")
        .hasMessageContaining("alpha-1, beta-2");
    assertThat(codeAssist.onboardPolls()).isZero();
    assertThat(files()).isEmpty();
  }

  @Test
  void anApiThatCannotBeEnabledFailsTheLoginWithItsOwnReason() throws Exception {
    codeAssist.refuseEnable();

    assertThatThrownBy(() -> login(approving(), 4).run(false, Optional.of("alpha-1")))
        .satisfies(e ->
            assertThat(((LoginException) e).reason())
                .isEqualTo(LoginException.Reason.API_NOT_ENABLED))
        .hasMessageContaining("cloudaicompanion.googleapis.com")
        .hasMessageContaining("Enable it");
    assertThat(files()).isEmpty();
  }

  @Test
  void whenProjectsCannotBeListedTheOptionsProjectIsTakenAsItIs() throws Exception {
    codeAssist.refuseProjectList();

    assertThat(login(approving(), 4).run(false, Optional.of("alpha-1")).projects())
        .containsExactly("alpha-1");
    assertThatThrownBy(() -> login(approving(), 4).run(false, Optional.empty()))
        .satisfies(e ->
            assertThat(((LoginException) e).reason()).isEqualTo(LoginException.Reason.NO_PROJECT))
        .hasMessageContaining("--project_id");
  }

  @Test
  void aRedirectWithAnotherStateIsRefused() throws Exception {
    BrowserOpener forged = browser(q -> q.replaceFirst("state=[^&]*", "state=forged"));

    assertThatThrownBy(() -> login(forged, 4).run(false, Optional.of("alpha-1")))
        .satisfies(e ->
            assertThat(((LoginException) e).reason())
                .isEqualTo(LoginException.Reason.STATE_MISMATCH));
    assertThat(google.tokenCalls()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void refusedConsentEndsTheLogin() throws Exception {
    google.denyConsent();

    assertThatThrownBy(() -> login(approving(), 4).run(false, Optional.of("alpha-1")))
        .satisfies(
            e -> assertThat(((LoginException) e).reason()).isEqualTo(LoginException.Reason.DENIED))
        .hasMessageContaining("access_denied");
    assertThat(files()).isEmpty();
  }

  @Test
  void aBusyCallbackPortSaysSoUnlessTheRedirectCanBePasted() throws Exception {
    try (ServerSocket busy =
        new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> login(approving(), 4).run(false, Optional.of("alpha-1")))
          .satisfies(e ->
              assertThat(((LoginException) e).reason()).isEqualTo(LoginException.Reason.PORT_BUSY));
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void noBrowserTakesThePastedRedirectAddress() throws Exception {
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<GeminiCliLogin.Result> done =
        CompletableFuture.supplyAsync(() -> {
          try {
            return login(approving(), terminal.out(), TerminalLines.of(terminal.in()), 10)
                .run(true, Optional.of("alpha-1"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    URI url = awaitGoogleUrl(terminal);
    assertThat(url.getQuery())
        .contains(
            "access_type=offline",
            "prompt=consent",
            "redirect_uri=" + FakeGoogleOAuth.REDIRECT_URI);
    terminal.type(google.approve(url).toString());

    assertThat(done.get().projects()).containsExactly("alpha-1");
  }

  private static URI awaitGoogleUrl(LoginTerminal terminal) throws Exception {
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/o/oauth2/auth\\?\\S+)");
    for (int i = 0; i < 400; i++) {
      var m = p.matcher(terminal.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no URL printed: " + terminal);
  }
}
