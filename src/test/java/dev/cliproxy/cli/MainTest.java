package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
            "--config", "--codex-login", "--claude-login", "--login", "--no-browser", "--version");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("cli-proxy-api (CLIProxy for Java) ");
  }

  @Test
  void loginFlagsSayTheyAreNotAvailableAndFailInsteadOfFakingSuccess() {
    for (String flag : new String[] {"--login", "--codex-login"}) {
      assertThat(run(flag)).as(flag).isEqualTo(2);
      assertThat(err.toString()).contains(flag + " is not available in this version yet");
    }
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
