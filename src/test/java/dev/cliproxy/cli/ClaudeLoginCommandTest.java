package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.provider.claude.ClaudeLoginCommand;
import dev.cliproxy.testing.FakeClaudeAuth;
import dev.cliproxy.testing.LoginTerminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --claude-login} as the command line runs it: config read like the server's, the account
 * saved in its auth-dir, and a distinct exit code for each way a login fails.
 */
class ClaudeLoginCommandTest {
  private static final BrowserOpener NO_BROWSER =
      new BrowserOpener("Linux", Map.of(), uri -> false, command -> false);

  @TempDir Path dir;
  FakeClaudeAuth auth;
  Path config;
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    auth = FakeClaudeAuth.start("me@example.com");
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "auth-dir: "
            + dir.resolve("accounts")
            + "\nendpoints:\n  claude:\n    authorize: "
            + auth.authorizeUrl()
            + "\n    token: "
            + auth.tokenUrl()
            + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    auth.close();
  }

  private int login(boolean noBrowser, int port, Function<URI, String> paste) throws Exception {
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() ->
            new LoginRun(
                    ProviderKinds.shipped().configLoader(),
                    terminal.out(),
                    new PrintWriter(err, true),
                    terminal.in())
                .run(
                    new ClaudeLoginCommand(NO_BROWSER, port).flag(),
                    config,
                    noBrowser,
                    java.util.Optional.empty(),
                    java.util.Map.of()));
    if (paste != null) {
      terminal.type(paste.apply(terminal.awaitUrl()));
    }
    return exit.get(30, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private URI approve(URI url) {
    try {
      return auth.approve(url);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String state(URI url) {
    String query = url.getRawQuery();
    int at = query.indexOf("state=") + "state=".length();
    int end = query.indexOf('&', at);
    return query.substring(at, end < 0 ? query.length() : end);
  }

  @Test
  void aPastedRedirectSavesTheAccountInTheConfiguredAuthDir() throws Exception {
    assertThat(login(true, freePort(), url -> approve(url).toString())).isZero();
    assertThat(dir.resolve("accounts/claude-me@example.com.json")).exists();
  }

  @Test
  void eachFailureHasItsOwnExitCode() throws Exception {
    assertThat(login(true, freePort(), url -> "code=c&state=not-this-login")).isEqualTo(10);
    assertThat(login(true, freePort(), url -> "error=access_denied&state=" + state(url)))
        .isEqualTo(11);
    assertThat(login(true, freePort(), url -> "code=never-issued&state=" + state(url)))
        .isEqualTo(14);
    assertThat(err.toString())
        .contains("Claude login failed")
        .contains("invalid_grant (Invalid 'code' in request.)");
    assertThat(dir.resolve("accounts")).doesNotExist();
  }

  @Test
  void aBusyCallbackPortIsExplained() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(login(false, busy.getLocalPort(), null)).isEqualTo(13);
    }
    assertThat(err.toString()).contains(" --no-browser");
  }

  @Test
  void anUnreadableConfigStopsBeforeAnything() throws Exception {
    Files.writeString(config, "port: [not a port\n");
    assertThat(login(true, freePort(), null)).isEqualTo(1);
    assertThat(err.toString()).startsWith("Cannot log in:");
  }
}
