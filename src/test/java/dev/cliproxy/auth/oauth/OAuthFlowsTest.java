package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOAuthServer;
import dev.cliproxy.testing.TypedInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code login with PKCE end to end over real HTTP: {@link AuthorizationCodeLogin}
 * against {@link FakeOAuthServer}, with the "browser" being an HTTP client that follows the
 * authorize redirect to the loopback callback, or a user pasting the redirect address.
 */
class OAuthFlowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALLBACK_PATH = "/auth/callback";

  private static HttpClient browserHttp;
  private static HttpClient plainHttp;

  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private final StringWriter terminal = new StringWriter();
  private final PrintWriter out = new PrintWriter(terminal, true);
  private final TypedInput keyboard = new TypedInput();
  private final CompletableFuture<URI> authorizeUrl = new CompletableFuture<>();
  private FakeOAuthServer fake;
  private int port;

  @BeforeAll
  static void clients() {
    browserHttp = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    plainHttp = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @AfterAll
  static void closeClients() {
    browserHttp.close();
    plainHttp.close();
  }

  @BeforeEach
  void start() throws IOException {
    fake = FakeOAuthServer.start("flows-client");
    port = freePort();
  }

  @AfterEach
  void stop() {
    keyboard.close();
    background.shutdownNow();
    fake.close();
  }

  /** A browser with a signed-in session: it loads the page, following every redirect. */
  private static class FetchingBrowser implements BrowserOpener.DesktopBrowser {
    final CompletableFuture<HttpResponse<String>> page = new CompletableFuture<>();
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public boolean browse(URI uri) {
      opened.incrementAndGet();
      browserHttp
          .sendAsync(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, failure) -> {
            if (failure != null) {
              page.completeExceptionally(failure);
            } else {
              page.complete(response);
            }
          });
      return true;
    }
  }

  private static BrowserOpener opener(BrowserOpener.DesktopBrowser desktop) {
    return new BrowserOpener("Linux", Map.of(), desktop, command -> false);
  }

  private AuthorizationCodeLogin.Settings settings(Duration timeout) {
    return new AuthorizationCodeLogin.Settings(
        "Fake", port, CALLBACK_PATH, "http://localhost:" + port + CALLBACK_PATH, timeout);
  }

  private AuthorizationCodeLogin login(BrowserOpener browser, Reader in, Duration timeout) {
    return new AuthorizationCodeLogin(settings(timeout), browser, out, in);
  }

  /** The provider's authorize URL as a real provider builds it, remembered for the test. */
  private URI authorizeUrlFor(OAuthState state, Pkce pkce) {
    URI url = fake.authorizeUrl(settings(Duration.ZERO).redirectUri(), state.value(), pkce);
    authorizeUrl.complete(url);
    return url;
  }

  private Future<AuthorizationCodeLogin.Grant> runInBackground(
      AuthorizationCodeLogin login, boolean noBrowser) {
    return background.submit(() -> login.run(this::authorizeUrlFor, noBrowser));
  }

  /** The provider-side token exchange (RFC 6749 §4.1.3 with the RFC 7636 verifier). */
  private HttpResponse<String> exchange(AuthorizationCodeLogin.Grant grant, String verifier)
      throws IOException, InterruptedException {
    String form =
        FakeOAuthServer.formEncode(
            Map.of(
                "grant_type", "authorization_code",
                "client_id", fake.clientId(),
                "code", grant.code(),
                "redirect_uri", grant.redirectUri(),
                "code_verifier", verifier));
    return plainHttp.send(
        HttpRequest.newBuilder(fake.tokenUri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void assertTokensIssuedFor(AuthorizationCodeLogin.Grant grant) throws Exception {
    HttpResponse<String> tokens = exchange(grant, grant.pkce().verifier());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(tokens.body());
    assertThat(body.path("access_token").asText()).isEqualTo(fake.currentAccessToken());
    assertThat(body.path("refresh_token").asText()).isEqualTo(fake.currentRefreshToken());
  }

  /** Where the fake's authorize endpoint redirects to, as the address bar would show it. */
  private String redirectAddress(URI authorize) throws Exception {
    HttpResponse<String> answer =
        plainHttp.send(
            HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    return answer.headers().firstValue("Location").orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static LoginException loginFailure(Future<AuthorizationCodeLogin.Grant> login)
      throws Exception {
    try {
      login.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LoginException failure) {
        return failure;
      }
      throw e;
    }
    throw new AssertionError("the login succeeded");
  }

  @Test
  void pkceLoginIsCompletedByAnHttpGetOfTheCallbackWithoutABrowser() throws Exception {
    FetchingBrowser browser = new FetchingBrowser();

    AuthorizationCodeLogin.Grant grant =
        login(opener(browser), keyboard, Duration.ofSeconds(20)).run(this::authorizeUrlFor, false);

    assertThat(browser.opened).hasValue(1);
    FakeOAuthServer.AuthorizeRequest authorize = fake.authorizeRequests().getFirst();
    assertThat(fake.authorizeRequests()).hasSize(1);
    assertThat(authorize.clientId()).isEqualTo("flows-client");
    assertThat(authorize.redirectUri()).isEqualTo("http://localhost:" + port + CALLBACK_PATH);
    assertThat(authorize.codeChallengeMethod()).isEqualTo("S256");
    assertThat(authorize.codeChallenge())
        .isEqualTo(grant.pkce().challenge())
        .isEqualTo(Pkce.challengeOf(grant.pkce().verifier()));
    assertThat(authorize.state()).isEqualTo(grant.state()).hasSize(32);
    assertThat(grant.redirectUri()).isEqualTo(authorize.redirectUri());

    HttpResponse<String> page = browser.page.get(10, TimeUnit.SECONDS);
    assertThat(page.uri().getPath()).isEqualTo(CALLBACK_PATH);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("Authentication Successful")
        .contains("Fake")
        .doesNotContain(grant.code())
        .doesNotContain(grant.state());
    assertThat(terminal.toString()).contains(authorizeUrl.getNow(null).toString());

    // The fake insists on the verifier that belongs to the challenge, and on one use per code.
    HttpResponse<String> wrongVerifier = exchange(grant, Pkce.generate().verifier());
    assertThat(wrongVerifier.statusCode()).isEqualTo(400);
    assertThat(wrongVerifier.body()).contains("\"invalid_grant\"");
    assertTokensIssuedFor(grant);
    assertThat(exchange(grant, grant.pkce().verifier()).statusCode()).isEqualTo(400);

    // The callback port is free again once the login returns.
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void browserLoginStillCompletesWhenStdinIsClosed() throws Exception {
    // `cli-proxy-api --codex-login < /dev/null`, or a service manager without a terminal: the
    // paste reader sees end of input at once, and the browser's redirect must still count.
    FetchingBrowser slowBrowser =
        new FetchingBrowser() {
          @Override
          public boolean browse(URI uri) {
            background.submit(() -> {
              Thread.sleep(300);
              return super.browse(uri);
            });
            return true;
          }
        };

    AuthorizationCodeLogin.Grant grant =
        login(opener(slowBrowser), Reader.nullReader(), Duration.ofSeconds(20))
            .run(this::authorizeUrlFor, false);

    assertTokensIssuedFor(grant);
  }

  @Test
  void noBrowserLoginTakesThePastedRedirectAddress() throws Exception {
    FetchingBrowser browser = new FetchingBrowser();
    Future<AuthorizationCodeLogin.Grant> login =
        runInBackground(login(opener(browser), keyboard, Duration.ofSeconds(20)), true);

    URI url = authorizeUrl.get(10, TimeUnit.SECONDS);
    String address = redirectAddress(url);
    assertThat(address).startsWith("http://localhost:" + port + CALLBACK_PATH + "?code=");
    keyboard.type(address);

    AuthorizationCodeLogin.Grant grant = login.get(20, TimeUnit.SECONDS);
    assertThat(browser.opened).hasValue(0);
    assertThat(terminal.toString()).contains(url.toString()).contains("paste it here");
    assertThat(grant.state()).isEqualTo(fake.authorizeRequests().getFirst().state());
    assertTokensIssuedFor(grant);
  }

  @Test
  void aMistypedPasteIsExplainedAndTheNextLineIsRead() throws Exception {
    Future<AuthorizationCodeLogin.Grant> login =
        runInBackground(
            login(opener(new FetchingBrowser()), keyboard, Duration.ofSeconds(20)), true);
    String address = redirectAddress(authorizeUrl.get(10, TimeUnit.SECONDS));

    keyboard.type("");
    keyboard.type("sorry, wrong clipboard");
    keyboard.type(address);

    AuthorizationCodeLogin.Grant grant = login.get(20, TimeUnit.SECONDS);
    assertThat(terminal.toString())
        .contains("not the address the provider redirected to")
        .doesNotContain("wrong clipboard");
    assertTokensIssuedFor(grant);
  }

  @Test
  void pasteWorksWhenTheCallbackPortIsBusyInNoBrowserMode() throws Exception {
    try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      Future<AuthorizationCodeLogin.Grant> login =
          runInBackground(
              login(opener(new FetchingBrowser()), keyboard, Duration.ofSeconds(20)), true);
      String address = redirectAddress(authorizeUrl.get(10, TimeUnit.SECONDS));

      // Only the part after '?', as some terminals make it easier to copy.
      keyboard.type(address.substring(address.indexOf('?') + 1));

      assertTokensIssuedFor(login.get(20, TimeUnit.SECONDS));
      assertThat(squatter.isBound()).isTrue();
    }
  }

  @Test
  void busyCallbackPortWithoutNoBrowserFailsNamingThePort() throws Exception {
    FetchingBrowser browser = new FetchingBrowser();
    try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() ->
              login(opener(browser), keyboard, Duration.ofSeconds(20))
                  .run(this::authorizeUrlFor, false))
          .isInstanceOfSatisfying(
              LoginException.class,
              e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.PORT_BUSY))
          .hasMessageContaining("Port " + port)
          .hasMessageContaining("--no-browser");
    }
    assertThat(browser.opened).hasValue(0);
    assertThat(fake.authorizeRequests()).isEmpty();
  }

  @Test
  void aRedirectWithAnotherStateIsRefused() throws Exception {
    fake.redirectWithState(OAuthState.generate().value());
    FetchingBrowser browser = new FetchingBrowser();

    assertThatThrownBy(() ->
            login(opener(browser), keyboard, Duration.ofSeconds(20))
                .run(this::authorizeUrlFor, false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.STATE_MISMATCH))
        .hasMessageContaining("state");
    HttpResponse<String> page = browser.page.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(page.statusCode()).as("the browser is not told it worked").isEqualTo(400);
    assertThat(page.body()).contains("does not belong to the login");
  }

  @Test
  void aPastedRedirectWithAnotherStateIsRefused() throws Exception {
    Future<AuthorizationCodeLogin.Grant> login =
        runInBackground(
            login(opener(new FetchingBrowser()), keyboard, Duration.ofSeconds(20)), true);
    String address = redirectAddress(authorizeUrl.get(10, TimeUnit.SECONDS));
    String otherState = OAuthState.generate().value();

    keyboard.type(address.replaceAll("state=[0-9a-f]+", "state=" + otherState));

    LoginException failure = loginFailure(login);
    assertThat(failure.reason()).isEqualTo(LoginException.Reason.STATE_MISMATCH);
    assertThat(failure.getMessage()).doesNotContain(otherState);
  }

  @Test
  void refusedConsentEndsTheLoginWithTheProvidersDescription() throws Exception {
    fake.denyConsent("The user declined to authorize Fake CLI");
    FetchingBrowser browser = new FetchingBrowser();

    assertThatThrownBy(() ->
            login(opener(browser), keyboard, Duration.ofSeconds(20))
                .run(this::authorizeUrlFor, false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.DENIED))
        .hasMessageContaining("access_denied")
        .hasMessageContaining("The user declined to authorize Fake CLI");

    HttpResponse<String> page = browser.page.get(10, TimeUnit.SECONDS);
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("Authentication Failed")
        .contains("The user declined to authorize Fake CLI");
  }

  @Test
  void nothingArrivingEndsTheLoginAfterTheTimeout() throws Exception {
    // The browser opens but the user walks away; nothing is pasted either.
    BrowserOpener idle = opener(uri -> true);
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> login(idle, keyboard, Duration.ofMillis(400)).run(this::authorizeUrlFor, false))
        .isInstanceOfSatisfying(
            LoginException.class,
            e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.TIMED_OUT))
        .hasMessageContaining("No sign-in arrived");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void noBrowserLoginWithABusyPortTimesOutWhenNothingIsPasted() throws Exception {
    try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      long started = System.nanoTime();
      assertThatThrownBy(() ->
              login(opener(new FetchingBrowser()), keyboard, Duration.ofMillis(400))
                  .run(this::authorizeUrlFor, true))
          .isInstanceOfSatisfying(
              LoginException.class,
              e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.TIMED_OUT));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
