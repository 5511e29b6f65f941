package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.commandLine(ProviderKinds.shipped())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void helpListsTheFlags() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--config",
            "--codex-login",
            "--codex-device-login",
            "--claude-login",
            "--vertex-import=FILE",
            "--login",
            "--antigravity-login",
            "--no-browser",
            "--version");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("cli-proxy-api (CLIProxy for Java) ");
  }

  @Test
  void theGoogleLoginReadsTheConfigsEndpointsAndTheProjectOption(@TempDir Path dir)
      throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "auth-dir: "
            + dir.resolve("auth")
            + "\nendpoints:\n  gemini-cli:\n    authorize: http://127.0.0.1:"
            + closed
            + "/o/oauth2/auth\n    token: http://127.0.0.1:"
            + closed
            + "/token\n");
    // The pasted address carries a code Google never issued; the token endpoint is unreachable.
    System.setIn(
        new java.io.ByteArrayInputStream(
            ("http://localhost:8085/oauth2callback?code=x&state=wrong\n").getBytes()));
    try {
      assertThat(
              run(
                  "--login",
                  "--project_id",
                  "my-proj",
                  "--no-browser",
                  "--config",
                  config.toString()))
          .isEqualTo(10);
    } finally {
      System.setIn(new java.io.FileInputStream(java.io.FileDescriptor.in));
    }
    assertThat(out.toString()).contains("http://127.0.0.1:" + closed + "/o/oauth2/auth?");
    assertThat(err.toString()).contains("Google login failed", "state");
    assertThat(dir.resolve("auth")).doesNotExist();
  }

  @Test
  void theProjectOptionAloneNamesTheGoogleLogin() {
    assertThat(run("--project_id", "my-proj")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--project_id only applies together with --login. Nothing was changed.");
  }

  @Test
  void codexDeviceLoginReadsTheConfigsEndpointsAndFailsWithItsOwnExitCode(@TempDir Path dir)
      throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "auth-dir: "
            + dir.resolve("auth")
            + "\nendpoints:\n  codex:\n    auth: http://127.0.0.1:"
            + closed
            + "\n");

    assertThat(run("--codex-device-login", "--no-browser", "--config", config.toString()))
        .isEqualTo(14);
    assertThat(err.toString())
        .contains("Codex login failed", "could not reach http://127.0.0.1:" + closed);
    assertThat(dir.resolve("auth")).doesNotExist();
  }

  @Test
  void codexLoginWithABrokenConfigExitsOne() {
    assertThat(run("--codex-login", "--config", "/nonexistent/dir/config.yaml")).isEqualTo(1);
    assertThat(err.toString()).contains("Cannot log in", "no such file");
  }

  @Test
  void aMissingExplicitConfigFileRefusesToStart() {
    assertThat(run("--config", "/nonexistent/dir/config.yaml")).isEqualTo(1);
    assertThat(err.toString()).contains("/nonexistent/dir/config.yaml", "no such file");
  }

  @Test
  void twoLoginFlagsAtOnceAreRefusedNamingBoth() {
    assertThat(run("--codex-login", "--claude-login")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Give one login flag at a time; got --codex-login and --claude-login.");
  }

  @Test
  void theGoogleLoginTogetherWithAnotherLoginIsRefusedToo() {
    assertThat(run("--login", "--codex-device-login")).isEqualTo(2);
    assertThat(err.toString()).contains("got --login and --codex-device-login");
  }

  @Test
  void noBrowserAloneNamesEveryLoginFlag() {
    assertThat(run("--no-browser")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--no-browser only applies together with a login flag (--login,"
                + " --antigravity-login, --codex-login, --codex-device-login, --claude-login,"
                + " --vertex-import).");
  }

  @Test
  void helpListsTheLoginFlagsWithTheirTextInOrder() {
    assertThat(run("--help")).isZero();
    String help = out.toString();
    assertThat(help)
        .contains(
            "Log in to a ChatGPT Plus/Pro account (Codex).",
            "Log in to a Claude Pro/Max account.",
            "Log in to a Google account for Antigravity.",
            "With --login: the Google Cloud project to use.");
    assertThat(help.indexOf("      --login"))
        .isLessThan(help.indexOf("      --antigravity-login"))
        .isLessThan(help.indexOf("      --codex-login"))
        .isLessThan(help.indexOf("      --claude-login"));
    assertThat(help.indexOf("      --claude-login")).isLessThan(help.indexOf("      --no-browser"));
    assertThat(help.indexOf("      --project_id")).isLessThan(help.indexOf("  -h, --help"));
  }

  /** A kind whose login takes a value and one option, recording what its flow was given. */
  private static final class ImportKind implements dev.cliproxy.provider.ProviderKind {
    static final dev.cliproxy.provider.LoginOption REGION =
        new dev.cliproxy.provider.LoginOption(
            "--toy-region", "REGION", "With --toy-import: where.");
    final java.util.List<dev.cliproxy.provider.LoginSession> sessions = new java.util.ArrayList<>();

    @Override
    public String name() {
      return "toy-import";
    }

    @Override
    public java.util.List<dev.cliproxy.provider.LoginFlag> logins() {
      return java.util.List.of(
          new dev.cliproxy.provider.LoginFlag(
              "--toy-import",
              "Import a toy key file.",
              "Toy",
              sessions::add,
              java.util.Optional.of("FILE"),
              java.util.List.of(REGION)));
    }

    @Override
    public java.util.List<dev.cliproxy.provider.Provider> providers(
        dev.cliproxy.config.Config config, java.util.List<dev.cliproxy.auth.Account> accounts) {
      return java.util.List.of();
    }
  }

  @Test
  void aLoginFlagWithAValueAndAnOptionHandsBothToItsFlow(@TempDir Path dir) throws Exception {
    ImportKind kind = new ImportKind();
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "auth-dir: " + dir.resolve("auth") + "\n");
    java.util.function.Function<String[], Integer> cli =
        args ->
            Main.commandLine(ProviderKinds.shipped().plus(kind))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);

    assertThat(
            cli.apply(
                new String[] {
                  "--toy-import",
                  "/tmp/key.json",
                  "--toy-region",
                  "eu",
                  "--config",
                  config.toString()
                }))
        .isZero();
    assertThat(kind.sessions)
        .singleElement()
        .satisfies(session -> {
          assertThat(session.argument()).hasValue("/tmp/key.json");
          assertThat(session.option(ImportKind.REGION)).hasValue("eu");
        });

    assertThat(cli.apply(new String[] {"--toy-region", "eu"})).isEqualTo(2);
    assertThat(err.toString())
        .contains("--toy-region only applies together with --toy-import. Nothing was changed.");
    assertThat(cli.apply(new String[] {"--toy-import"})).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter for option '--toy-import'");
    assertThat(cli.apply(new String[] {"--help"})).isZero();
    assertThat(out.toString()).contains("--toy-import=FILE", "--toy-region=REGION");
    assertThat(kind.sessions).hasSize(1);
  }

  @Test
  void unknownFlagsAreRejectedWithUsage() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
  }
}
