package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new Main())
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
            "--login",
            "--no-browser",
            "--version");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("cli-proxy-api (CLIProxy for Java) ");
  }

  @Test
  void loginFlagsSayTheyAreNotAvailableAndFailInsteadOfFakingSuccess() {
    for (String flag : new String[] {"--login"}) {
      assertThat(run(flag)).as(flag).isEqualTo(2);
      assertThat(err.toString()).contains(flag + " is not available in this version yet");
    }
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
  void unknownFlagsAreRejectedWithUsage() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
  }
}
