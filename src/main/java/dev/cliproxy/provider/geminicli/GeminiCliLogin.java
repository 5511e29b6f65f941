package dev.cliproxy.provider.geminicli;

import dev.cliproxy.auth.oauth.AuthorizationCodeLogin;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.LoginStore;
import dev.cliproxy.auth.oauth.TerminalLines;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.google.CodeAssistOnboarding;
import dev.cliproxy.provider.google.GoogleCallFailure;
import dev.cliproxy.provider.google.GoogleCloudProjects;
import dev.cliproxy.provider.google.GoogleSignIn;
import dev.cliproxy.provider.google.GoogleTokens;
import dev.cliproxy.provider.google.OnboardingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;

/**
 * {@code --login}: signs in to a Google account in the browser (or by pasting the redirect address
 * with {@code --no-browser}), exchanges the code, reads the account's email and projects, lets the
 * user choose (or takes {@code --project_id}), onboards each chosen project to Code Assist, makes
 * sure the Cloud AI Companion API is on, and only then saves {@code gemini-<email>-<project>.json}.
 */
public final class GeminiCliLogin {

  /** The saved account. */
  public record Result(String email, List<String> projects, Path file) {}

  /** How onboarding waits: a pause between {@code onboardUser} polls and how many polls at most. */
  public record Onboarding(CodeAssistOnboarding.Pause pause, Duration interval, int maxPolls) {
    /** Gemini CLI's pace, bounded at five minutes. */
    public static Onboarding standard() {
      return new Onboarding(
          Thread::sleep, GeminiCliOAuth.ONBOARD_INTERVAL, GeminiCliOAuth.ONBOARD_MAX_POLLS);
    }
  }

  private final GeminiCliEndpoints endpoints;
  private final HttpClient http;
  private final AuthDirectory authDir;
  private final AuthorizationCodeLogin browserLogin;
  private final ProjectChoice choice;
  private final CodeAssistOnboarding onboarding;
  private final PrintWriter out;
  private final Clock clock;

  /**
   * @param http a started HTTP client (with the config's outbound proxy)
   * @param lines what the user types: a pasted redirect, then the project choice
   * @param callbackPort where to listen for the redirect: 8085, the port the registered redirect
   *     address names, unless forwarded elsewhere
   */
  public GeminiCliLogin(
      GeminiCliEndpoints endpoints,
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
    this.choice = new ProjectChoice(out, lines);
    this.onboarding =
        new CodeAssistOnboarding(
            endpoints.api(),
            http,
            onboarding.pause(),
            onboarding.interval(),
            onboarding.maxPolls());
    this.browserLogin =
        new AuthorizationCodeLogin(
            new AuthorizationCodeLogin.Settings(
                "Google",
                callbackPort,
                GeminiCliOAuth.CALLBACK_PATH,
                GeminiCliOAuth.REDIRECT_URI,
                GeminiCliOAuth.CALLBACK_TIMEOUT),
            browser,
            out,
            lines);
  }

  /** The callback port Google's registered redirect address names. */
  public static int defaultCallbackPort() {
    return GeminiCliOAuth.CALLBACK_PORT;
  }

  /**
   * Runs the whole login; nothing is written unless every step worked.
   *
   * @param projectId {@code --project_id}: an id, {@code a,b}, or {@code ALL}
   * @throws LoginException for each way it can fail, saying what to do
   */
  public Result run(boolean noBrowser, Optional<String> projectId)
      throws LoginException, InterruptedException {
    return run(noBrowser, projectId, false);
  }

  /**
   * Runs the whole login; nothing is written unless every step worked.
   *
   * @param projectId {@code --project_id}: an id, {@code a,b}, or {@code ALL}
   * @param unattended nobody answers the project prompt: without {@code projectId}, the first
   *     listed project is taken
   * @throws LoginException for each way it can fail, saying what to do
   */
  public Result run(boolean noBrowser, Optional<String> projectId, boolean unattended)
      throws LoginException, InterruptedException {
    GoogleCloudProjects cloud = endpoints.cloud();
    GoogleSignIn.SignedIn account =
        new GoogleSignIn(
                browserLogin,
                GeminiCliOAuth.CLIENT,
                endpoints.authorize(),
                endpoints.token(),
                cloud,
                http,
                out)
            .run(GeminiCliOAuth.REDIRECT_URI, noBrowser);
    GoogleTokens tokens = account.tokens();
    String email = account.email();
    List<String> chosen = choice.choose(projects(cloud, tokens, projectId), projectId, unattended);
    List<String> onboarded = new ArrayList<>();
    for (String project : chosen) {
      out.println("Setting up Gemini Code Assist in project " + project + "...");
      out.flush();
      try {
        onboarded.add(onboarding.onboard(tokens.accessToken(), Optional.of(project)));
      } catch (OnboardingException e) {
        throw new LoginException(LoginException.Reason.ONBOARDING_FAILED, e.getMessage() + ".", e);
      }
    }
    for (String project : onboarded) {
      try {
        cloud.ensureEnabled(http, tokens.accessToken(), project, GoogleCloudProjects.COMPANION_API);
      } catch (GoogleCallFailure e) {
        throw new LoginException(
            LoginException.Reason.API_NOT_ENABLED,
            "The Cloud AI Companion API ("
                + GoogleCloudProjects.COMPANION_API
                + ") is not enabled in project "
                + project
                + " and could not be turned on ("
                + e.getMessage()
                + "). Enable it in the Google Cloud console (APIs & Services) and log in again;"
                + " nothing was saved.",
            e);
      }
    }
    CredentialFile file =
        GeminiAuthFile.fromLogin(
            tokens,
            GeminiCliOAuth.CLIENT,
            email,
            onboarded.stream().distinct().toList(),
            false,
            clock.instant(),
            clock.getZone());
    Path saved = LoginStore.save(authDir, file);
    out.println(
        "Google account "
            + email
            + " added for project "
            + String.join(", ", onboarded)
            + ": saved to "
            + saved);
    out.flush();
    return new Result(email, List.copyOf(onboarded), saved);
  }

  /**
   * The account's projects; when Google will not list them (the Resource Manager API is off), none,
   * so that the projects {@code --project_id} names are taken as they are.
   */
  private List<GoogleCloudProjects.Project> projects(
      GoogleCloudProjects cloud, GoogleTokens tokens, Optional<String> projectId)
      throws LoginException, InterruptedException {
    try {
      return cloud.list(http, tokens.accessToken());
    } catch (GoogleCallFailure e) {
      if (projectId.isPresent() && !GeminiAuthFile.isAll(projectId.get())) {
        out.println(
            "Could not list the account's projects (" + e.getMessage() + "); using --project_id.");
        out.flush();
        return List.of();
      }
      throw new LoginException(
          LoginException.Reason.NO_PROJECT,
          "Could not list the account's Google Cloud projects ("
              + e.getMessage()
              + "). Log in again with --project_id <project_id>; nothing was saved.",
          e);
    }
  }
}
