package dev.cliproxy.provider.geminicli;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.TerminalLines;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code --login [--project_id ID|a,b|ALL] [--no-browser]}: the Google sign-in for Gemini CLI with
 * the config's {@code auth-dir} and {@code endpoints.gemini-cli}, on this machine's browser and the
 * registered callback port (or a test's).
 */
public final class GeminiCliLoginCommand {
  /** The login flag, also named when a Gemini CLI account needs a new login. */
  public static final String FLAG = "--login";

  /** {@code --project_id}: the project(s) to onboard instead of asking. */
  public static final LoginOption PROJECT_ID =
      new LoginOption(
          "--project_id",
          "ID",
          "With --login: the Google Cloud project to use. ALL, or a,b, for several.");

  private final BrowserOpener browser;
  private final int callbackPort;
  private final GeminiCliLogin.Onboarding onboarding;

  public GeminiCliLoginCommand(
      BrowserOpener browser, int callbackPort, GeminiCliLogin.Onboarding onboarding) {
    this.browser = browser;
    this.callbackPort = callbackPort;
    this.onboarding = onboarding;
  }

  /** The command for this machine's browser and the registered callback port. */
  public static GeminiCliLoginCommand system() {
    return new GeminiCliLoginCommand(
        BrowserOpener.system(),
        GeminiCliLogin.defaultCallbackPort(),
        GeminiCliLogin.Onboarding.standard());
  }

  /** The login as a command-line flag. */
  public LoginFlag flag() {
    return new LoginFlag(
        FLAG,
        "Log in to a Google account (Gemini CLI / Gemini Code Assist).",
        "Google",
        session ->
            new GeminiCliLogin(
                    GeminiCliEndpoints.of(session.config().endpoints()),
                    session.http(),
                    new AuthDirectory(session.config().authDir()),
                    session.browserOr(browser),
                    session.out(),
                    TerminalLines.of(session.in()),
                    Clock.systemDefaultZone(),
                    callbackPort,
                    onboarding)
                .run(session.noBrowser(), session.option(PROJECT_ID), session.unattended()),
        Optional.empty(),
        List.of(PROJECT_ID));
  }
}
