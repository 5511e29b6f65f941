package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.provider.claude.ClaudeEndpoints;
import dev.cliproxy.provider.claude.ClaudeLogin;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code --claude-login [--no-browser]}: reads the config as the server does (auth-dir, the
 * endpoints.claude overrides, proxy-url), signs in, saves the account, and exits with a code that
 * says how it ended ({@link LoginExitCode}).
 */
final class ClaudeLoginCommand {
  private ClaudeLoginCommand() {}

  /** Runs the login on this machine's browser and the registered callback port. */
  static int run(
      Path explicitConfig, boolean noBrowser, PrintWriter out, PrintWriter err, Reader in) {
    return run(
        explicitConfig,
        noBrowser,
        out,
        err,
        in,
        BrowserOpener.system(),
        ClaudeLogin.defaultCallbackPort());
  }

  static int run(
      Path explicitConfig,
      boolean noBrowser,
      PrintWriter out,
      PrintWriter err,
      Reader in,
      BrowserOpener browser,
      int callbackPort) {
    return LoginRun.run(
        "Claude",
        explicitConfig,
        out,
        err,
        (config, clients) ->
            new ClaudeLogin(
                    ClaudeEndpoints.of(config.endpoints()),
                    clients.forProxy(config.proxyUrl()),
                    new AuthDirectory(config.authDir()),
                    browser,
                    out,
                    in,
                    Clock.systemDefaultZone(),
                    callbackPort)
                .run(noBrowser));
  }
}
