package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.oauth.AuthorizationCodeLogin;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.DeviceCodePoller;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.OAuthState;
import dev.cliproxy.auth.oauth.Pkce;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Adds a ChatGPT Plus/Pro account to the auth directory, as the Codex CLI logs in: the PKCE browser
 * login ({@code --codex-login}, with {@code --no-browser} for a pasted redirect) or the device-code
 * login ({@code --codex-device-login}); then the code exchange and {@code codex-<email>.json}.
 */
public final class CodexLogin {
  /** The redirect URI registered for the Codex CLI client; the provider accepts only this one. */
  public static final String REDIRECT_URI = "http://localhost:1455/auth/callback";

  public static final int CALLBACK_PORT = 1455;
  static final String CALLBACK_PATH = "/auth/callback";
  static final String SCOPE = "openid email profile offline_access";
  static final Duration CALLBACK_WAIT = Duration.ofMinutes(5);

  private final CodexAuthApi api;
  private final AuthDirectory directory;
  private final BrowserOpener browser;
  private final PrintWriter out;
  private final Reader in;
  private final Clock clock;
  private final DeviceCodePoller.Sleeper sleeper;
  private final int callbackPort;

  /**
   * @param out the terminal, for URLs, codes and the result
   * @param in the terminal's input, for a pasted redirect address
   * @param sleeper waits between device-code polls
   * @param callbackPort where the loopback server listens ({@link #CALLBACK_PORT}; tests pick a
   *     free one — the redirect URI sent stays {@link #REDIRECT_URI})
   */
  public CodexLogin(
      CodexAuthApi api,
      AuthDirectory directory,
      BrowserOpener browser,
      PrintWriter out,
      Reader in,
      Clock clock,
      DeviceCodePoller.Sleeper sleeper,
      int callbackPort) {
    this.api = api;
    this.directory = directory;
    this.browser = browser;
    this.out = out;
    this.in = in;
    this.clock = clock;
    this.sleeper = sleeper;
    this.callbackPort = callbackPort;
  }

  /** The authorize URL with the Codex CLI's parameters, sorted by name as the Go client sends. */
  public URI authorizeUrl(OAuthState state, Pkce pkce) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", CodexAuthApi.CLIENT_ID);
    query.put("code_challenge", pkce.challenge());
    query.put("code_challenge_method", Pkce.METHOD);
    query.put("codex_cli_simplified_flow", "true");
    query.put("id_token_add_organizations", "true");
    query.put("prompt", "login");
    query.put("redirect_uri", REDIRECT_URI);
    query.put("response_type", "code");
    query.put("scope", SCOPE);
    query.put("state", state.value());
    return URI.create(
        api.endpoints().authorize()
            + "?"
            + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
  }

  /**
   * The browser login: opens the sign-in page (or prints it with {@code noBrowser}), takes the
   * redirect on the loopback port or pasted on stdin, exchanges the code and saves the account.
   *
   * @return the file written
   */
  public Path withBrowser(boolean noBrowser) throws LoginException, InterruptedException {
    AuthorizationCodeLogin login =
        new AuthorizationCodeLogin(
            new AuthorizationCodeLogin.Settings(
                "Codex", callbackPort, CALLBACK_PATH, REDIRECT_URI, CALLBACK_WAIT),
            browser,
            out,
            in);
    AuthorizationCodeLogin.Grant grant = login.run(this::authorizeUrl, noBrowser);
    return save(exchange(grant.code(), grant.pkce().verifier(), grant.redirectUri()));
  }

  /**
   * The device-code login for machines without a browser: shows a code to enter at OpenAI's device
   * page, waits for it, exchanges the resulting code and saves the account.
   *
   * @return the file written
   */
  public Path withDeviceCode(boolean noBrowser) throws LoginException, InterruptedException {
    CodexAuthApi.DeviceCode code;
    try {
      code = api.requestDeviceCode();
    } catch (TokenEndpointException e) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "Could not start the Codex device login: " + e.getMessage(),
          e);
    }
    URI page = api.endpoints().deviceVerification();
    out.println("Codex device URL: " + page);
    out.println("Codex device code: " + code.userCode());
    out.println();
    out.println(
        "Open the URL on any device, sign in to ChatGPT and enter the code. Waiting up to "
            + CodexDevicePoller.DEADLINE.toMinutes()
            + " minutes…");
    out.flush();
    if (!noBrowser) {
      browser.open(page);
    }
    CodexAuthApi.DevicePoll.Approved approved;
    try {
      approved = new CodexDevicePoller(api, clock, sleeper).await(code);
    } catch (CodexDevicePoller.Expired e) {
      throw new LoginException(LoginException.Reason.TIMED_OUT, e.getMessage(), e);
    } catch (TokenEndpointException e) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "The Codex device login failed: " + e.getMessage(),
          e);
    }
    return save(
        exchange(
            approved.authorizationCode(),
            approved.codeVerifier(),
            api.endpoints().deviceRedirectUri()));
  }

  private CodexTokens exchange(String code, String verifier, String redirectUri)
      throws LoginException, InterruptedException {
    try {
      return api.exchange(code, verifier, redirectUri);
    } catch (TokenEndpointException e) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "Signing in worked, but OpenAI refused to issue tokens: "
              + e.getMessage()
              + ". Start the login again.",
          e);
    }
  }

  private Path save(CodexTokens tokens) throws LoginException {
    CredentialFile file;
    try {
      file = CodexAccountFile.fromLogin(tokens, clock.instant(), clock.getZone());
    } catch (IllegalArgumentException e) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "OpenAI issued tokens, but " + e.getMessage() + "; nothing was saved.",
          e);
    }
    Path path = directory.path().resolve(file.id());
    try {
      directory.create();
      directory.save(file);
    } catch (IOException e) {
      throw new LoginException(
          LoginException.Reason.SAVE_FAILED, "Could not write " + path + ": " + e.getMessage(), e);
    }
    IdTokenClaims claims = tokens.claims();
    out.println(
        "Codex account "
            + claims.email()
            + (claims.planType().isEmpty() ? "" : " (ChatGPT " + claims.planType() + ")")
            + " added: "
            + path);
    out.flush();
    return path;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
