package dev.cliproxy.provider.claude;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.provider.LoginFlag;
import java.time.Clock;

/**
 * {@code --claude-login [--no-browser]}: the Claude sign-in with the config's {@code auth-dir} and
 * {@code endpoints.claude}, on this machine's browser and the registered callback port (or a
 * test's).
 */
public final class ClaudeLoginCommand {
  /** The login flag, also named when a Claude account needs a new login. */
  public static final String FLAG = "--claude-login";

  private final BrowserOpener browser;
  private final int callbackPort;

  public ClaudeLoginCommand(BrowserOpener browser, int callbackPort) {
    this.browser = browser;
    this.callbackPort = callbackPort;
  }

  /** The command for this machine's browser and the registered callback port. */
  public static ClaudeLoginCommand system() {
    return new ClaudeLoginCommand(BrowserOpener.system(), ClaudeLogin.defaultCallbackPort());
  }

  /** The login as a command-line flag. */
  public LoginFlag flag() {
    return new LoginFlag(
        FLAG,
        "Log in to a Claude Pro/Max account.",
        "Claude",
        session ->
            new ClaudeLogin(
                    ClaudeEndpoints.of(session.config().endpoints()),
                    session.http(),
                    new AuthDirectory(session.config().authDir()),
                    session.browserOr(browser),
                    session.out(),
                    session.in(),
                    Clock.systemDefaultZone(),
                    callbackPort)
                .run(session.noBrowser()));
  }
}
