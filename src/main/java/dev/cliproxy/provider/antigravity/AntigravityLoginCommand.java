package dev.cliproxy.provider.antigravity;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.TerminalLines;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.provider.LoginFlag;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code --antigravity-login [--no-browser]}: the Google sign-in for Antigravity with the config's
 * {@code auth-dir} and {@code endpoints.antigravity}, on this machine's browser and the registered
 * callback port (or a test's).
 */
public final class AntigravityLoginCommand {
  /** The login flag, also named when an Antigravity account needs a new login. */
  public static final String FLAG = "--antigravity-login";

  private final BrowserOpener browser;
  private final int callbackPort;
  private final AntigravityLogin.Onboarding onboarding;
  private final Clock clock;

  public AntigravityLoginCommand(
      BrowserOpener browser,
      int callbackPort,
      AntigravityLogin.Onboarding onboarding,
      Clock clock) {
    this.browser = browser;
    this.callbackPort = callbackPort;
    this.onboarding = onboarding;
    this.clock = clock;
  }

  /** The command for this machine's browser and the registered callback port. */
  public static AntigravityLoginCommand system() {
    return new AntigravityLoginCommand(
        BrowserOpener.system(),
        AntigravityLogin.defaultCallbackPort(),
        AntigravityLogin.Onboarding.standard(),
        Clock.systemDefaultZone());
  }

  /** The login as a command-line flag. */
  public LoginFlag flag() {
    return new LoginFlag(
        FLAG,
        "Log in to a Google account for Antigravity.",
        "Antigravity",
        session ->
            new AntigravityLogin(
                    AntigravityEndpoints.of(session.config().endpoints()),
                    session.http(),
                    new AuthDirectory(session.config().authDir()),
                    session.browserOr(browser),
                    session.out(),
                    TerminalLines.of(session.in()),
                    clock,
                    callbackPort,
                    onboarding)
                .run(session.noBrowser()),
        Optional.empty(),
        List.of());
  }
}
