package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.DeviceCodePoller;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.provider.codex.CodexAuthApi;
import dev.cliproxy.provider.codex.CodexEndpoints;
import dev.cliproxy.provider.codex.CodexLogin;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code --codex-login} and {@code --codex-device-login}: reads the config as the server does (for
 * {@code auth-dir} and {@code endpoints.codex}), runs the login, and turns its outcome into a
 * message and an exit status ({@link LoginExitCode}).
 */
final class CodexLoginCommand {

  /** Which Codex login to run. */
  enum Flow {
    BROWSER,
    DEVICE
  }

  private final BrowserOpener browser;
  private final Clock clock;
  private final DeviceCodePoller.Sleeper sleeper;
  private final int callbackPort;

  CodexLoginCommand(
      BrowserOpener browser, Clock clock, DeviceCodePoller.Sleeper sleeper, int callbackPort) {
    this.browser = browser;
    this.clock = clock;
    this.sleeper = sleeper;
    this.callbackPort = callbackPort;
  }

  /** The command for this machine: its browser, clock and the registered callback port. */
  static CodexLoginCommand system() {
    return new CodexLoginCommand(
        BrowserOpener.system(),
        Clock.systemDefaultZone(),
        d -> Thread.sleep(d.toMillis()),
        CodexLogin.CALLBACK_PORT);
  }

  /**
   * Runs one login.
   *
   * @param explicitConfig {@code --config}, or null for {@code ./config.yaml} or the defaults
   * @return the exit status
   */
  int run(
      Path explicitConfig,
      Flow flow,
      boolean noBrowser,
      PrintWriter out,
      PrintWriter err,
      Reader in) {
    return LoginRun.run(
        "Codex",
        explicitConfig,
        out,
        err,
        (config, clients) -> {
          CodexLogin login =
              new CodexLogin(
                  CodexAuthApi.create(
                      CodexEndpoints.from(config.endpoints()), clients.forProxy(config.proxyUrl())),
                  new AuthDirectory(config.authDir()),
                  browser,
                  out,
                  in,
                  clock,
                  sleeper,
                  callbackPort);
          switch (flow) {
            case BROWSER -> login.withBrowser(noBrowser);
            case DEVICE -> login.withDeviceCode(noBrowser);
          }
        });
  }
}
