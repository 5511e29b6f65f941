package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.OAuthState;
import dev.cliproxy.auth.oauth.Pkce;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.testing.FakeOpenAiAuth;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AUTHORIZE = Pattern.compile("https?://\\S+/oauth/authorize\\?\\S+");

  @TempDir Path dir;
  FakeOpenAiAuth auth;
  final dev.cliproxy.gateway.UpstreamClients clients = new dev.cliproxy.gateway.UpstreamClients();
  FakeTime time;
  StringWriter terminal;
  int port;
  final HttpClient http = HttpClient.newHttpClient();
  final List<HttpResponse<String>> browserPages = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    auth = FakeOpenAiAuth.start();
    time = new FakeTime();
    terminal = new StringWriter();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    clients.close();
    auth.close();
  }

  private Path authDir() {
    return dir.resolve("auth");
  }

  private CodexLogin login(BrowserOpener browser, Reader in) {
    return new CodexLogin(
        CodexAuthApi.create(
            new CodexEndpoints("http://127.0.0.1:1/unused", auth.baseUrl()),
            clients.forProxy(java.util.Optional.empty())),
        new AuthDirectory(authDir()),
        browser,
        new PrintWriter(terminal, true),
        in,
        time,
        time,
        port);
  }

  /** A browser that signs in at once: the fake approves, then the redirect is fetched. */
  private BrowserOpener signingInBrowser(String callbackQuerySuffix, boolean rightState) {
    return new BrowserOpener(
        "Linux",
        Map.of("DISPLAY", ":0"),
        uri -> false,
        command -> {
          Map<String, String> query = query(URI.create(command.get(1)));
          auth.approve("code-1", query.get("code_challenge"), query.get("redirect_uri"));
          String state = rightState ? query.get("state") : "0".repeat(32);
          URI callback =
              URI.create(
                  "http://127.0.0.1:"
                      + port
                      + "/auth/callback?code=code-1&state="
                      + state
                      + callbackQuerySuffix);
          browserPages.add(
              http.send(
                  HttpRequest.newBuilder(callback).GET().build(),
                  HttpResponse.BodyHandlers.ofString()));
          return true;
        });
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void authorizeUrlHasExactlyTheCodexCliParametersInGoOrder() {
    CodexLogin login = login(signingInBrowser("", true), new StringReader(""));
    OAuthState state = OAuthState.generate();
    Pkce pkce = Pkce.generate();
    URI url = login.authorizeUrl(state, pkce);

    assertThat(url.toString())
        .isEqualTo(
            auth.baseUrl()
                + "/oauth/authorize?client_id=app_EMoamEEZ73f0CkXaXp7hrann"
                + "&code_challenge="
                + pkce.challenge()
                + "&code_challenge_method=S256"
                + "&codex_cli_simplified_flow=true"
                + "&id_token_add_organizations=true"
                + "&prompt=login"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback"
                + "&response_type=code"
                + "&scope=openid+email+profile+offline_access"
                + "&state="
                + state.value());
  }

  @Test
  void browserLoginCompletedByFetchingTheCallbackWritesTheAccountFile() throws Exception {
    Path written = login(signingInBrowser("", true), new StringReader("")).withBrowser(false);

    assertThat(written).isEqualTo(authDir().resolve("codex-user@example.com.json"));
    assertThat(browserPages)
        .singleElement()
        .satisfies(page -> {
          assertThat(page.statusCode()).isEqualTo(200);
          assertThat(page.body()).contains("Codex");
        });
    FakeOpenAiAuth.Received exchange = auth.received("/oauth/token").get(0);
    assertThat(exchange.headers().get("content-type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(exchange.form())
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("client_id", FakeOpenAiAuth.CLIENT_ID)
        .containsEntry("code", "code-1")
        .containsEntry("redirect_uri", CodexLogin.REDIRECT_URI)
        .containsKey("code_verifier");
    assertThat(terminal.toString())
        .contains("Codex account user@example.com (ChatGPT plus) added: " + written);
  }

  @Test
  void theWrittenFileHasTheCompatibleFieldsInOrderAndIsOwnerOnly() throws Exception {
    Path written = login(signingInBrowser("", true), new StringReader("")).withBrowser(false);

    JsonNode file = JSON.readTree(written.toFile());
    List<String> fields = new ArrayList<>();
    file.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "id_token",
            "access_token",
            "refresh_token",
            "account_id",
            "last_refresh",
            "email",
            "type",
            "expired");
    assertThat(file.path("access_token").asText()).isEqualTo("at_fake_1");
    assertThat(file.path("refresh_token").asText()).isEqualTo("rt_fake_1");
    assertThat(file.path("id_token").asText()).startsWith("eyJ");
    assertThat(file.path("account_id").asText()).isEqualTo("acct-123");
    assertThat(file.path("email").asText()).isEqualTo("user@example.com");
    assertThat(file.path("type").asText()).isEqualTo("codex");
    // 2026-03-01T10:00:00Z in +08:00; expires_in 864000 s = 10 days
    assertThat(file.path("last_refresh").asText()).isEqualTo("2026-03-01T18:00:00+08:00");
    assertThat(file.path("expired").asText()).isEqualTo("2026-03-11T18:00:00+08:00");
    assertThat(Files.readString(written)).endsWith("}\n");
    assertThat(Files.getPosixFilePermissions(written))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void pastedCallbackLoginWorksWithoutABrowser() throws Exception {
    PipedWriter typing = new PipedWriter();
    PipedReader stdin = new PipedReader(typing);
    BrowserOpener noBrowserExpected =
        new BrowserOpener(
            "Linux",
            Map.of(),
            uri -> {
              throw new AssertionError("--no-browser must not open a browser");
            },
            command -> {
              throw new AssertionError("--no-browser must not open a browser");
            });
    CodexLogin login = login(noBrowserExpected, stdin);
    CompletableFuture<Path> done =
        CompletableFuture.supplyAsync(() -> {
          try {
            return login.withBrowser(true);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });

    URI printed = awaitPrintedAuthorizeUrl();
    Map<String, String> query = query(printed);
    auth.approve("code-1", query.get("code_challenge"), CodexLogin.REDIRECT_URI);
    typing.write(
        "http://localhost:1455/auth/callback?code=code-1&scope=openid&state="
            + query.get("state")
            + "\n");
    typing.flush();

    Path written = done.get(20, TimeUnit.SECONDS);
    assertThat(written).exists();
    assertThat(JSON.readTree(written.toFile()).path("email").asText())
        .isEqualTo("user@example.com");
  }

  private URI awaitPrintedAuthorizeUrl() throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      Matcher m = AUTHORIZE.matcher(terminal.toString());
      if (m.find()) {
        return URI.create(m.group());
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no authorize URL printed: " + terminal);
  }

  @Test
  void deviceLoginPollsThroughPendingAnswersThenExchangesWithTheDeviceRedirect() throws Exception {
    auth.pendingPolls(2);
    List<URI> opened = new ArrayList<>();
    BrowserOpener browser =
        new BrowserOpener(
            "Linux",
            Map.of("DISPLAY", ":0"),
            uri -> {
              opened.add(uri);
              return true;
            },
            command -> true);

    Path written = login(browser, new StringReader("")).withDeviceCode(false);

    assertThat(auth.devicePolls()).isEqualTo(3);
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(opened).containsExactly(URI.create(auth.baseUrl() + "/codex/device"));
    FakeOpenAiAuth.Received codeRequest = auth.received("/api/accounts/deviceauth/usercode").get(0);
    assertThat(JSON.readTree(codeRequest.body()).path("client_id").asText())
        .isEqualTo(FakeOpenAiAuth.CLIENT_ID);
    assertThat(auth.received("/oauth/token").get(0).form())
        .containsEntry("code", "device-code-1")
        .containsEntry("redirect_uri", auth.baseUrl() + "/deviceauth/callback");
    assertThat(terminal.toString())
        .contains("Codex device URL: " + auth.baseUrl() + "/codex/device")
        .contains("Codex device code: ABCD-EFGH")
        .contains("Codex account user@example.com (ChatGPT plus) added:");
    assertThat(written).exists();
  }

  @Test
  void deviceLoginWithNoBrowserOnlyPrintsAndGivesUpAfterFifteenMinutes() {
    auth.pendingPolls(Integer.MAX_VALUE);
    BrowserOpener browser =
        new BrowserOpener(
            "Linux",
            Map.of("DISPLAY", ":0"),
            uri -> {
              throw new AssertionError("no browser with --no-browser");
            },
            command -> {
              throw new AssertionError("no browser with --no-browser");
            });

    assertThatThrownBy(() -> login(browser, new StringReader("")).withDeviceCode(true))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LoginException.Reason.TIMED_OUT);
              assertThat(e.getMessage()).contains("15 minutes");
            });
    assertThat(Duration.between(new FakeTime().instant(), time.instant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(authDir()).doesNotExist();
  }

  @Test
  void aDeniedConsentIsReportedAsDenied() {
    BrowserOpener denying =
        new BrowserOpener(
            "Linux",
            Map.of("DISPLAY", ":0"),
            uri -> false,
            command -> {
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + port
                                  + "/auth/callback?error=access_denied&error_description=User+cancelled"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
              return true;
            });

    assertThatThrownBy(() -> login(denying, new StringReader("")).withBrowser(false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LoginException.Reason.DENIED);
              assertThat(e.getMessage()).contains("access_denied", "User cancelled");
            });
  }

  @Test
  void aCallbackWithAnotherStateIsRefused() {
    assertThatThrownBy(
            () -> login(signingInBrowser("", false), new StringReader("")).withBrowser(false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.STATE_MISMATCH));
    assertThat(auth.received("/oauth/token")).isEmpty();
  }

  @Test
  void anExchangeRefusalQuotesTheProvidersMessage() {
    BrowserOpener wrongCode =
        new BrowserOpener(
            "Linux",
            Map.of("DISPLAY", ":0"),
            uri -> false,
            command -> {
              Map<String, String> query = query(URI.create(command.get(1)));
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + port
                                  + "/auth/callback?code=never-issued&state="
                                  + query.get("state")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
              return true;
            });

    assertThatThrownBy(() -> login(wrongCode, new StringReader("")).withBrowser(false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LoginException.Reason.EXCHANGE_FAILED);
              assertThat(e.getMessage())
                  .contains("HTTP 400", "invalid_grant", "Invalid authorization code")
                  .doesNotContain("never-issued");
            });
  }

  @Test
  void aBusyCallbackPortNamesThePortAndSuggestsNoBrowser() throws Exception {
    try (ServerSocket busy = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () -> login(signingInBrowser("", true), new StringReader("")).withBrowser(false))
          .isInstanceOfSatisfying(
              LoginException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(LoginException.Reason.PORT_BUSY);
                assertThat(e.getMessage()).contains(String.valueOf(port), "--no-browser");
              });
    }
  }

  @Test
  void anIdTokenWithoutEmailSavesNothing() {
    auth.identity(new FakeOpenAiAuth.Identity("", "acct-123", "plus"));

    assertThatThrownBy(
            () -> login(signingInBrowser("", true), new StringReader("")).withBrowser(false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LoginException.Reason.EXCHANGE_FAILED);
              assertThat(e.getMessage()).contains("no email");
            });
    assertThat(authDir()).doesNotExist();
  }

  static Set<PosixFilePermission> ownerOnly() {
    return Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }
}
