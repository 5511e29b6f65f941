package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.provider.geminicli.GeminiCliLogin;
import dev.cliproxy.provider.geminicli.GeminiCliLoginCommand;
import dev.cliproxy.testing.FakeCodeAssist;
import dev.cliproxy.testing.FakeGoogleOAuth;
import dev.cliproxy.testing.LoginTerminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code --login} as the command line runs it: the config's auth-dir and {@code
 * endpoints.gemini-cli}, {@code --project_id} handed to the flow, and an exit code of its own for
 * each Google-specific way a login fails, with nothing written.
 */
class GeminiCliLoginCommandTest {
  private static final BrowserOpener NO_BROWSER =
      new BrowserOpener("Linux", Map.of(), uri -> false, command -> false);
  private static final Pattern URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/o/oauth2/auth\\?\\S+)");

  @TempDir Path dir;
  FakeGoogleOAuth google;
  FakeCodeAssist codeAssist;
  Path config;
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start("me@example.com");
    codeAssist =
        FakeCodeAssist.start()
            .acceptTokensStartingWith(FakeGoogleOAuth.ACCESS_PREFIX)
            .withProjects("proj-a");
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "auth-dir: "
            + dir.resolve("accounts")
            + "\nendpoints:\n  gemini-cli:\n    authorize: "
            + google.authorizeUrl()
            + "\n    token: "
            + google.tokenUrl()
            + "\n    userinfo: "
            + google.userinfoUrl()
            + "\n    api: "
            + codeAssist.baseUrl()
            + "\n    projects: "
            + codeAssist.baseUrl()
            + "\n    serviceusage: "
            + codeAssist.baseUrl()
            + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    codeAssist.close();
    google.close();
  }

  private int login(String projectId) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GeminiCliLoginCommand command =
        new GeminiCliLoginCommand(
            NO_BROWSER, port, new GeminiCliLogin.Onboarding(d -> {}, Duration.ofSeconds(5), 3));
    LoginTerminal terminal = new LoginTerminal();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() ->
            new LoginRun(
                    ProviderKinds.shipped().configLoader(),
                    terminal.out(),
                    new PrintWriter(err, true),
                    terminal.in())
                .run(
                    command.flag(),
                    config,
                    true,
                    Optional.empty(),
                    Map.of(GeminiCliLoginCommand.PROJECT_ID.name(), projectId)));
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
  void aLoginWithTheProjectOptionSavesTheAccountInTheConfiguredAuthDir() throws Exception {
    assertThat(login("proj-a")).isZero();
    assertThat(dir.resolve("accounts/gemini-me@example.com-proj-a.json")).exists();
  }

  @Test
  void eachGoogleFailureHasItsOwnExitCodeAndWritesNothing() throws Exception {
    assertThat(login("not-mine")).isEqualTo(16);
    codeAssist.neverFinishOnboarding();
    assertThat(login("proj-a")).isEqualTo(17);
    codeAssist.finishOnboardingAfter(1);
    codeAssist.refuseEnable();
    assertThat(login("proj-a")).isEqualTo(18);
    assertThat(err.toString())
        .contains("Google login failed")
        .doesNotContain(FakeGoogleOAuth.CLIENT_SECRET)
        .doesNotContain(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(dir.resolve("accounts")).doesNotExist();
  }
}
