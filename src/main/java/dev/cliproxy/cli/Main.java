package dev.cliproxy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line entry point: serves the proxy, or explains what a flag does. */
@Command(
    name = "cli-proxy-api",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Serves OpenAI-, Claude- and Gemini-compatible APIs on one port, backed by your"
          + " subscriptions and API keys.",
      "Without --config, ./config.yaml is used if it exists, else built-in defaults."
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description = "Config file (default: config.yaml in the working directory).")
  Path config;

  @Option(names = "--login", description = "Log in to a Google account (Gemini CLI).")
  boolean googleLogin;

  @Option(names = "--codex-login", description = "Log in to a ChatGPT Plus/Pro account (Codex).")
  boolean codexLogin;

  @Option(
      names = "--codex-device-login",
      description =
          "Log in to a ChatGPT Plus/Pro account (Codex) with a device code, for machines without"
              + " a browser.")
  boolean codexDeviceLogin;

  @Option(names = "--claude-login", description = "Log in to a Claude Pro/Max account.")
  boolean claudeLogin;

  @Option(
      names = "--no-browser",
      description = "With a login flag: print the login URL instead of opening a browser.")
  boolean noBrowser;

  @Option(
      names = "--project_id",
      paramLabel = "ID",
      description = "With --login: the Google Cloud project to use.")
  String projectId;

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (codexLogin || codexDeviceLogin) {
      return CodexLoginCommand.system()
          .run(
              config,
              codexDeviceLogin ? CodexLoginCommand.Flow.DEVICE : CodexLoginCommand.Flow.BROWSER,
              noBrowser,
              spec.commandLine().getOut(),
              spec.commandLine().getErr(),
              new InputStreamReader(System.in, Charset.defaultCharset()));
    }
    if (claudeLogin) {
      return ClaudeLoginCommand.run(
          config,
          noBrowser,
          spec.commandLine().getOut(),
          spec.commandLine().getErr(),
          new InputStreamReader(System.in, Charset.defaultCharset()));
    }
    String login = googleLogin ? "--login" : null;
    if (login != null) {
      spec.commandLine()
          .getErr()
          .println(
              login
                  + " is not available in this version yet: Google account logins come in a later"
                  + " release. Nothing was changed. ChatGPT and Claude accounts log in with"
                  + " --codex-login and --claude-login.");
      return 2;
    }
    if (noBrowser || projectId != null) {
      spec.commandLine()
          .getErr()
          .println(
              (noBrowser ? "--no-browser" : "--project_id")
                  + " only applies together with a login flag (--login, --codex-login,"
                  + " --codex-device-login, --claude-login).");
      return 2;
    }
    return ProxyApplication.serve(config, spec.commandLine().getErr());
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cli-proxy-api (CLIProxy for Java) " + current()};
    }

    static String current() {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/cliproxy-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException ignored) {
        // fall through to "unknown"
      }
      return p.getProperty("version", "unknown");
    }
  }
}
