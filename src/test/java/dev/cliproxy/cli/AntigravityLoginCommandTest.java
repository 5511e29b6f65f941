package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.provider.antigravity.AntigravityLogin;
import dev.cliproxy.provider.antigravity.AntigravityLoginCommand;
import dev.cliproxy.testing.FakeAntigravity;
import dev.cliproxy.testing.FakeGoogleOAuth;
import dev.cliproxy.testing.LoginTerminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --antigravity-login} as the command line runs it: the config's auth-dir and {@code
 * endpoints.antigravity}, and the Google logins' exit code when onboarding does not finish, with
 * nothing written.
 */
class AntigravityLoginCommandTest {
  private static final BrowserOpener NO_BROWSER =
      new BrowserOpener("Linux", Map.of(), uri -> false, command -> false);
  private static final Pattern URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/o/oauth2/v2/auth\\?\\S+)");

  @TempDir Path dir;
  FakeGoogleOAuth google;
  FakeAntigravity antigravity;
  Path config;
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start("me@example.com");
    antigravity = FakeAntigravity.start().acceptTokensStartingWith(FakeGoogleOAuth.ACCESS_PREFIX);
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "auth-dir: "
            + dir.resolve("accounts")
            + "\nendpoints:\n  antigravity:\n    authorize: "
            + google.base()
            + "/o/oauth2/v2/auth\n    token: "
            + google.tokenUrl()
            + "\n    userinfo: "
            + google.userinfoUrl()
            + "\n    setup: "
            + antigravity.baseUrl()
            + "\n    api: "
            + antigravity.baseUrl()
            + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    antigravity.close();
    google.close();
  }

  private int login() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AntigravityLoginCommand command =
        new AntigravityLoginCommand(
            NO_BROWSER,
            port,
            new AntigravityLogin.Onboarding(d -> {}, Duration.ofSeconds(2), 3),
            Clock.systemUTC());
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() ->
            new LoginRun(
                    ProviderKinds.shipped().configLoader(),
                    terminal.out(),
                    new PrintWriter(err, true),
                    terminal.in())
                .run(command.flag(), config, true, Optional.empty(), Map.of()));
    URI url = null;
    for (int i = 0; i < 400 && url == null; i++) {
      Matcher m = URL.matcher(terminal.toString());
      if (m.find()) {
        url = URI.create(m.group(1));
      } else {
        Thread.sleep(25);
      }
    }
    assertThat(url).as(terminal.toString()).isNotNull();
    terminal.type(google.approve(url).toString());
    return exit.get(30, TimeUnit.SECONDS);
  }

  @Test
  void onboardingThatNeverFinishesExits17AndWritesNothingThenALoginSaves() throws Exception {
    antigravity.neverFinishOnboarding();
    assertThat(login()).isEqualTo(17);
    assertThat(err.toString())
        .doesNotContain(FakeGoogleOAuth.ANTIGRAVITY_CLIENT_SECRET)
        .doesNotContain(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(dir.resolve("accounts")).doesNotExist();

    antigravity.withProject("p-9");
    assertThat(login()).isZero();
    assertThat(dir.resolve("accounts/antigravity-me@example.com.json")).exists();
  }
}
