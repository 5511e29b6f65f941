package dev.cliproxy.provider.antigravity;

import dev.cliproxy.auth.oauth.AuthorizationCodeLogin;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.LoginStore;
import dev.cliproxy.auth.oauth.TerminalLines;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.google.CodeAssistOnboarding;
import dev.cliproxy.provider.google.GoogleCloudProjects;
import dev.cliproxy.provider.google.GoogleSignIn;
import dev.cliproxy.provider.google.GoogleTokens;
import dev.cliproxy.provider.google.OnboardingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/**
 * {@code --antigravity-login}: signs in to a Google account with Antigravity's OAuth client in the
 * browser (or by pasting the redirect address with {@code --no-browser}), exchanges the code, reads
 * the account's email, finds its Code Assist project ({@code loadCodeAssist}, else {@code
 * onboardUser} until done) and only then saves {@code antigravity-<email>.json}.
 */
public final class AntigravityLogin {

  /** The saved account. */
  public record Result(String email, String project, Path file) {}

  /** How onboarding waits: a pause between {@code onboardUser} polls and how many polls at most. */
  public record Onboarding(CodeAssistOnboarding.Pause pause, Duration interval, int maxPolls) {
    /** Antigravity's pace: five polls, two seconds apart. */
    public static Onboarding standard() {
      return new Onboarding(
          Thread::sleep, AntigravityOAuth.ONBOARD_INTERVAL, AntigravityOAuth.ONBOARD_MAX_POLLS);
    }
  }

  private final AntigravityEndpoints endpoints;
  private final HttpClient http;
  private final AuthDirectory authDir;
  private final AuthorizationCodeLogin browserLogin;
  private final CodeAssistOnboarding onboarding;
  private final PrintWriter out;
  private final Clock clock;

  /**
   * @param http a started HTTP client (with the config's outbound proxy)
   * @param lines what the user types: a pasted redirect
   * @param callbackPort where to listen for the redirect: 51121, the port the registered redirect
   *     address names, unless forwarded elsewhere
   */
  public AntigravityLogin(
      AntigravityEndpoints endpoints,
      HttpClient http,
      AuthDirectory authDir,
      BrowserOpener browser,
      PrintWriter out,
      TerminalLines lines,
      Clock clock,
      int callbackPort,
      Onboarding onboarding) {
    this.endpoints = endpoints;
    this.http = http;
    this.authDir = authDir;
    this.out = out;
    this.clock = clock;
    this.onboarding =
        new CodeAssistOnboarding(
            endpoints.setup(),
            AntigravityOAuth.CODE_ASSIST,
            http,
            onboarding.pause(),
            onboarding.interval(),
            onboarding.maxPolls());
    this.browserLogin =
        new AuthorizationCodeLogin(
            new AuthorizationCodeLogin.Settings(
                "Google (Antigravity)",
                callbackPort,
                AntigravityOAuth.CALLBACK_PATH,
                AntigravityOAuth.REDIRECT_URI,
                AntigravityOAuth.CALLBACK_TIMEOUT),
            browser,
            out,
            lines);
  }

  /** The callback port Google's registered redirect address names. */
  public static int defaultCallbackPort() {
    return AntigravityOAuth.CALLBACK_PORT;
  }

  /**
   * Runs the whole login; nothing is written unless every step worked.
   *
   * @throws LoginException for each way it can fail, saying what to do
   */
  public Result run(boolean noBrowser) throws LoginException, InterruptedException {
    GoogleSignIn.SignedIn account =
        new GoogleSignIn(
                browserLogin,
                AntigravityOAuth.CLIENT,
                endpoints.authorize(),
                endpoints.token(),
                new GoogleCloudProjects(endpoints.userinfo(), "", ""),
                http,
                out)
            .run(AntigravityOAuth.REDIRECT_URI, noBrowser);
    GoogleTokens tokens = account.tokens();
    String email = account.email();
    out.println("Finding the account's Code Assist project...");
    out.flush();
    String project;
    try {
      project = onboarding.resolve(tokens.accessToken());
    } catch (OnboardingException e) {
      throw new LoginException(
          e.why() == OnboardingException.Why.NEEDS_PROJECT
              ? LoginException.Reason.NO_PROJECT
              : LoginException.Reason.ONBOARDING_FAILED,
          e.getMessage() + ".",
          e);
    }
    CredentialFile file =
        AntigravityAuthFile.fromLogin(tokens, email, project, clock.instant(), clock.getZone());
    Path saved = LoginStore.save(authDir, file);
    out.println(
        "Antigravity account " + email + " added (project " + project + "): saved to " + saved);
    out.flush();
    return new Result(email, project, saved);
  }
}
