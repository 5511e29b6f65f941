package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.DeviceCodePoller;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginSession;
import java.time.Clock;
import java.util.List;

/**
 * {@code --codex-login} and {@code --codex-device-login}: the Codex sign-ins with the config's
 * {@code auth-dir} and {@code endpoints.codex}, on this machine's browser, clock and callback port
 * (or a test's).
 */
public final class CodexLoginCommand {
  /** The browser login, also the one named when a Codex account needs a new login. */
  public static final String FLAG = "--codex-login";

  /** The device-code login, for machines without a browser. */
  public static final String DEVICE_FLAG = "--codex-device-login";

  /** Which Codex login to run. */
  public enum Flow {
    BROWSER,
    DEVICE
  }

  private final BrowserOpener browser;
  private final Clock clock;
  private final DeviceCodePoller.Sleeper sleeper;
  private final int callbackPort;

  public CodexLoginCommand(
      BrowserOpener browser, Clock clock, DeviceCodePoller.Sleeper sleeper, int callbackPort) {
    this.browser = browser;
    this.clock = clock;
    this.sleeper = sleeper;
    this.callbackPort = callbackPort;
  }

  /** The command for this machine: its browser, clock and the registered callback port. */
  public static CodexLoginCommand system() {
    return new CodexLoginCommand(
        BrowserOpener.system(),
        Clock.systemDefaultZone(),
        d -> Thread.sleep(d.toMillis()),
        CodexLogin.CALLBACK_PORT);
  }

  /** Both logins as command-line flags, the browser one first. */
  public List<LoginFlag> flags() {
    return List.of(flag(Flow.BROWSER), flag(Flow.DEVICE));
  }

  /** One login as a command-line flag. */
  public LoginFlag flag(Flow flow) {
    return switch (flow) {
      case BROWSER ->
          new LoginFlag(
              FLAG,
              "Log in to a ChatGPT Plus/Pro account (Codex).",
              "Codex",
              session -> run(Flow.BROWSER, session));
      case DEVICE ->
          new LoginFlag(
              DEVICE_FLAG,
              "Log in to a ChatGPT Plus/Pro account (Codex) with a device code, for machines"
                  + " without a browser.",
              "Codex",
              session -> run(Flow.DEVICE, session));
    };
  }

  private void run(Flow flow, LoginSession session) throws LoginException, InterruptedException {
    CodexLogin login =
        new CodexLogin(
            CodexAuthApi.create(CodexEndpoints.from(session.config().endpoints()), session.http()),
            new AuthDirectory(session.config().authDir()),
            session.browserOr(browser),
            session.out(),
            session.in(),
            clock,
            sleeper,
            callbackPort);
    switch (flow) {
      case BROWSER -> login.withBrowser(session.noBrowser());
      case DEVICE -> login.withDeviceCode(session.noBrowser());
    }
  }
}
