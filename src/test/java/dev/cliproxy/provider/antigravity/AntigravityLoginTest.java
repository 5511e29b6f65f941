package dev.cliproxy.provider.antigravity;

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
import dev.cliproxy.testing.FakeAntigravity;
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
 * {@code --antigravity-login} against a fake Google consent page, token endpoint and userinfo that
 * know Antigravity's client, and a fake Antigravity Code Assist.
 */
class AntigravityLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL = "user@example.com";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir Path dir;
  FakeGoogleOAuth google;
  FakeAntigravity antigravity;
  UpstreamClients clients;
  int port;
  final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start(EMAIL);
    antigravity = FakeAntigravity.start().acceptTokensStartingWith(FakeGoogleOAuth.ACCESS_PREFIX);
    clients = new UpstreamClients();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    antigravity.close();
    google.close();
  }

  private AntigravityLogin login(
      BrowserOpener browser, PrintWriter out, TerminalLines lines, int maxPolls) {
    return new AntigravityLogin(
        AntigravityEndpoints.of(
            new Config.Endpoints(
                Map.of(
                    "antigravity",
                    Map.of(
                        "authorize", google.base() + "/o/oauth2/v2/auth",
                        "token", google.tokenUrl(),
                        "userinfo", google.userinfoUrl(),
                        "setup", antigravity.baseUrl(),
                        "api", antigravity.baseUrl())))),
        clients.forProxy(Optional.empty()),
        new AuthDirectory(dir),
        browser,
        out,
        lines,
        Clock.fixed(NOW, ZoneOffset.UTC),
        port,
        new AntigravityLogin.Onboarding(pauses::add, Duration.ofSeconds(2), maxPolls));
  }

  private AntigravityLogin login(BrowserOpener browser, int maxPolls) {
    return login(
        browser,
        new PrintWriter(new StringWriter(), true),
        TerminalLines.of(new StringReader("")),
        maxPolls);
  }

  /**
   * A browser that approves at once and follows the redirect, its query changed by {@code edit}.
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
  void theProjectLoadCodeAssistNamesIsSavedInCliProxyApisLayout() throws Exception {
    antigravity.withProject("bright-wave-12345");

    AntigravityLogin.Result result = login(approving(), 5).run(false);

    assertThat(result.project()).isEqualTo("bright-wave-12345");
    Path file = dir.resolve("antigravity-user@example.com.json");
    assertThat(result.file()).isEqualTo(file);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    JsonNode saved = JSON.readTree(file.toFile());
    assertThat(saved.path("type").asText()).isEqualTo("antigravity");
    assertThat(saved.path("email").asText()).isEqualTo(EMAIL);
    assertThat(saved.path("project_id").asText()).isEqualTo("bright-wave-12345");
    assertThat(saved.path("access_token").asText()).startsWith(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(saved.path("refresh_token").asText()).startsWith("1//fake-refresh-");
    assertThat(saved.path("expires_in").asLong()).isEqualTo(3599);
    assertThat(saved.path("timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(Instant.parse(saved.path("expired").asText())).isEqualTo(NOW.plusSeconds(3599));
    assertThat(saved.has("client_secret")).isFalse();
    assertThat(antigravity.onboardPolls()).isZero();
    assertThat(google.tokenCalls())
        .singleElement()
        .satisfies(call -> {
          assertThat(call.form().get("client_id")).isEqualTo(FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID);
          assertThat(call.form().get("redirect_uri"))
              .isEqualTo(FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI);
        });
  }

  @Test
  void anAccountWithoutAProjectIsOnboardedUntilDone() throws Exception {
    antigravity.finishOnboardingAfter(3);

    AntigravityLogin.Result result = login(approving(), 5).run(false);

    assertThat(result.project()).isEqualTo(FakeAntigravity.ONBOARDED_PROJECT);
    assertThat(antigravity.onboardPolls()).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    JsonNode saved = JSON.readTree(dir.resolve("antigravity-user@example.com.json").toFile());
    assertThat(saved.path("project_id").asText()).isEqualTo(FakeAntigravity.ONBOARDED_PROJECT);
  }

  @Test
  void onboardingThatNeverFinishesStopsAtTheBoundAndSavesNothing() throws Exception {
    antigravity.neverFinishOnboarding();

    assertThatThrownBy(() -> login(approving(), 4).run(false))
        .isInstanceOf(LoginException.class)
        .satisfies(e ->
            assertThat(((LoginException) e).reason())
                .isEqualTo(LoginException.Reason.ONBOARDING_FAILED))
        .hasMessageContaining("did not finish after 4 checks");
    assertThat(antigravity.onboardPolls()).isEqualTo(4);
    assertThat(files()).isEmpty();
  }

  @Test
  void aRedirectWithAnotherStateIsRefused() throws Exception {
    antigravity.withProject("p-1");
    BrowserOpener forged = browser(q -> q.replaceFirst("state=[^&]*", "state=forged"));

    assertThatThrownBy(() -> login(forged, 4).run(false))
        .satisfies(e ->
            assertThat(((LoginException) e).reason())
                .isEqualTo(LoginException.Reason.STATE_MISMATCH));
    assertThat(google.tokenCalls()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void refusedConsentEndsTheLogin() throws Exception {
    google.denyConsent();

    assertThatThrownBy(() -> login(approving(), 4).run(false))
        .satisfies(
            e -> assertThat(((LoginException) e).reason()).isEqualTo(LoginException.Reason.DENIED))
        .hasMessageContaining("access_denied");
    assertThat(files()).isEmpty();
  }

  @Test
  void noBrowserTakesThePastedRedirectAddress() throws Exception {
    antigravity.withProject("p-1");
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<AntigravityLogin.Result> done =
        CompletableFuture.supplyAsync(() -> {
          try {
            return login(approving(), terminal.out(), TerminalLines.of(terminal.in()), 5).run(true);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    URI url = awaitGoogleUrl(terminal);
    assertThat(url.getQuery())
        .contains(
            "access_type=offline",
            "prompt=consent",
            "client_id=" + FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID,
            "redirect_uri=" + FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI,
            "https://www.googleapis.com/auth/cclog");
    terminal.type(google.approve(url).toString());

    assertThat(done.get().project()).isEqualTo("p-1");
    assertThat(terminal.toString()).doesNotContain(FakeGoogleOAuth.ANTIGRAVITY_CLIENT_SECRET);
  }

  private static URI awaitGoogleUrl(LoginTerminal terminal) throws Exception {
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/o/oauth2/v2/auth\\?\\S+)");
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
