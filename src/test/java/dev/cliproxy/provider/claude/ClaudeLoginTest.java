package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.testing.FakeClaudeAuth;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --claude-login} against a fake claude.ai sign-in page and token endpoint. */
class ClaudeLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL = "user@example.com";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir Path dir;
  FakeClaudeAuth auth;
  UpstreamClients clients;
  int port;

  @BeforeEach
  void start() throws Exception {
    auth = FakeClaudeAuth.start(EMAIL);
    clients = new UpstreamClients();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    auth.close();
  }

  private ClaudeEndpoints endpoints() {
    return ClaudeEndpoints.of(
        new Config.Endpoints(
            Map.of("claude", Map.of("authorize", auth.authorizeUrl(), "token", auth.tokenUrl()))));
  }

  private ClaudeLogin login(BrowserOpener browser, PrintWriter out, java.io.Reader in) {
    return new ClaudeLogin(
        endpoints(),
        clients.forProxy(Optional.empty()),
        new AuthDirectory(dir),
        browser,
        out,
        in,
        Clock.fixed(NOW, ZoneOffset.UTC),
        port);
  }

  /** A browser that signs in at once and follows the redirect to the loopback callback. */
  private BrowserOpener signingInBrowser(List<URI> opened) {
    return new BrowserOpener(
        "Linux",
        Map.of(),
        uri -> {
          opened.add(uri);
          CompletableFuture.runAsync(() -> {
            try {
              URI redirect = auth.approve(uri);
              URI callback =
                  URI.create(
                      "http://127.0.0.1:"
                          + port
                          + redirect.getRawPath()
                          + "?"
                          + redirect.getRawQuery());
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

  @Test
  void browserLoginSavesTheAccountInCliProxyApisLayout() throws Exception {
    List<URI> opened = new ArrayList<>();
    StringWriter out = new StringWriter();

    ClaudeLogin.Result result =
        login(signingInBrowser(opened), new PrintWriter(out, true), new StringReader(""))
            .run(false);

    assertThat(result.email()).isEqualTo(EMAIL);
    Path file = dir.resolve("claude-" + EMAIL + ".json");
    assertThat(result.file()).isEqualTo(file);
    assertThat(out.toString()).contains("Claude account " + EMAIL + " added");
    JsonNode saved = JSON.readTree(Files.readAllBytes(file));
    List<String> fields = new ArrayList<>();
    saved.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "id_token",
            "access_token",
            "refresh_token",
            "last_refresh",
            "email",
            "type",
            "expired");
    assertThat(saved.get("id_token").asText()).isEmpty();
    assertThat(saved.get("access_token").asText()).startsWith("sk-ant-oat01-");
    assertThat(saved.get("refresh_token").asText()).startsWith("sk-ant-ort01-");
    assertThat(saved.get("type").asText()).isEqualTo("claude");
    assertThat(saved.get("last_refresh").asText()).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(saved.get("expired").asText()).isEqualTo("2026-11-21T18:00:00Z");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(new AuthDirectory(dir).load().files())
        .extracting(CredentialFile::provider)
        .containsExactly("claude");

    URI authorize = opened.get(0);
    assertThat(authorize.toString()).startsWith(auth.authorizeUrl() + "?code=true&client_id=");
    Map<String, String> q = query(authorize.getRawQuery());
    assertThat(decode(q.get("redirect_uri"))).isEqualTo(FakeClaudeAuth.REDIRECT_URI);
    assertThat(decode(q.get("scope"))).isEqualTo(FakeClaudeAuth.SCOPES);
    assertThat(q.get("client_id")).isEqualTo(FakeClaudeAuth.CLIENT_ID);
    assertThat(q.get("response_type")).isEqualTo("code");
    assertThat(q.get("code_challenge_method")).isEqualTo("S256");
    assertThat(q.get("code_challenge")).hasSize(43);
    assertThat(q.get("state")).hasSize(32);
    JsonNode exchange = auth.tokenCalls().get(0).body();
    assertThat(exchange.get("grant_type").asText()).isEqualTo("authorization_code");
    assertThat(exchange.get("redirect_uri").asText()).isEqualTo(FakeClaudeAuth.REDIRECT_URI);
    assertThat(auth.tokenCalls().get(0).headers().get("content-type"))
        .startsWith("application/json");
  }

  @Test
  void noBrowserLoginTakesThePastedRedirectAddress() throws Exception {
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<ClaudeLogin.Result> done = runAsync(terminal);

    URI redirect = auth.approve(terminal.awaitUrl());
    terminal.type(redirect.toString());

    assertThat(done.get().email()).isEqualTo(EMAIL);
    assertThat(terminal.toString()).contains("Claude account " + EMAIL + " added");
    assertThat(Files.exists(dir.resolve("claude-" + EMAIL + ".json"))).isTrue();
  }

  @Test
  void aRedirectForAnotherLoginIsRefusedAsAStateMismatch() throws Exception {
    LoginException e = pasteInstead(url -> "code=fake-code-1&state=someone-elses-state");
    assertThat(e.reason()).isEqualTo(LoginException.Reason.STATE_MISMATCH);
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void refusedConsentEndsTheLoginAsDenied() throws Exception {
    LoginException e = pasteInstead(url -> "error=access_denied&state=" + stateOf(url));
    assertThat(e.reason()).isEqualTo(LoginException.Reason.DENIED);
  }

  @Test
  void aCodeTheTokenEndpointRefusesIsAnExchangeFailureQuotingIt() throws Exception {
    LoginException e = pasteInstead(url -> "code=not-issued&state=" + stateOf(url));
    assertThat(e.reason()).isEqualTo(LoginException.Reason.EXCHANGE_FAILED);
    assertThat(e.getMessage()).contains("400").contains("invalid_grant").contains("Invalid 'code'");
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void aCodeCopiedAsCodeHashStateIsSplit() throws Exception {
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<ClaudeLogin.Result> done = runAsync(terminal);
    URI redirect = auth.approve(terminal.awaitUrl());
    Map<String, String> q = query(redirect.getQuery());
    terminal.type("code=" + q.get("code") + "%23" + q.get("state") + "&state=" + q.get("state"));

    assertThat(done.get().email()).isEqualTo(EMAIL);
  }

  private LoginException pasteInstead(java.util.function.Function<URI, String> paste)
      throws Exception {
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<ClaudeLogin.Result> done = runAsync(terminal);
    terminal.type(paste.apply(terminal.awaitUrl()));
    try {
      done.join();
      throw new AssertionError("the login succeeded");
    } catch (java.util.concurrent.CompletionException e) {
      return (LoginException) e.getCause().getCause();
    }
  }

  private CompletableFuture<ClaudeLogin.Result> runAsync(LoginTerminal terminal) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return login(BrowserOpenerThatFails.INSTANCE, terminal.out(), terminal.in()).run(true);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String stateOf(URI url) {
    return query(url.getRawQuery()).get("state");
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }

  /** A browser opener that never opens anything. */
  private static final class BrowserOpenerThatFails {
    static final BrowserOpener INSTANCE =
        new BrowserOpener("Linux", Map.of(), uri -> false, command -> false);
  }
}
