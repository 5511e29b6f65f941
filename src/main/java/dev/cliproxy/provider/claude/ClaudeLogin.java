package dev.cliproxy.provider.claude;

import dev.cliproxy.auth.oauth.AuthorizationCodeLogin;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.LoginStore;
import dev.cliproxy.auth.oauth.OAuthState;
import dev.cliproxy.auth.oauth.Pkce;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.client.HttpClient;

/**
 * {@code --claude-login}: signs in to a Claude Pro/Max account in the browser (or by pasting the
 * redirect address with {@code --no-browser}), exchanges the code for tokens, and saves {@code
 * claude-<email>.json} in the auth directory.
 */
public final class ClaudeLogin {

  /** The saved account. */
  public record Result(String email, Path file) {}

  private final ClaudeEndpoints endpoints;
  private final ClaudeTokenEndpoint tokens;
  private final AuthDirectory authDir;
  private final AuthorizationCodeLogin browserLogin;
  private final PrintWriter out;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param http a started HTTP client (with the config's outbound proxy) for the token exchange
   * @param callbackPort where to listen for the redirect: {@value ClaudeOAuth#CALLBACK_PORT}, the
   *     port Anthropic's registered redirect address names, unless forwarded elsewhere
   */
  public ClaudeLogin(
      ClaudeEndpoints endpoints,
      HttpClient http,
      AuthDirectory authDir,
      BrowserOpener browser,
      PrintWriter out,
      Reader in,
      Clock clock,
      int callbackPort) {
    this.endpoints = endpoints;
    this.tokens = new ClaudeTokenEndpoint(URI.create(endpoints.token()), http);
    this.authDir = authDir;
    this.out = out;
    this.clock = clock;
    this.zone = clock.getZone();
    this.browserLogin =
        new AuthorizationCodeLogin(
            new AuthorizationCodeLogin.Settings(
                "Claude",
                callbackPort,
                ClaudeOAuth.CALLBACK_PATH,
                ClaudeOAuth.REDIRECT_URI,
                ClaudeOAuth.CALLBACK_TIMEOUT),
            browser,
            out,
            in);
  }

  /** The callback port Anthropic's registered redirect address names. */
  public static int defaultCallbackPort() {
    return ClaudeOAuth.CALLBACK_PORT;
  }

  /**
   * Runs the whole login.
   *
   * @throws LoginException when the sign-in, the exchange or the save fails, saying why
   */
  public Result run(boolean noBrowser) throws LoginException, InterruptedException {
    AuthorizationCodeLogin.Grant grant = browserLogin.run(this::authorizeUrl, noBrowser);
    out.println("Signed in; fetching the account's tokens...");
    out.flush();
    ClaudeTokens answer;
    try {
      answer = tokens.exchange(grant);
    } catch (TokenCallFailure e) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "The sign-in worked but the code could not be exchanged for tokens. "
              + e.getMessage()
              + ". Start the login again.",
          e);
    }
    String email =
        answer
            .email()
            .orElseThrow(() ->
                new LoginException(
                    LoginException.Reason.EXCHANGE_FAILED,
                    "Claude's token answer did not name the account (no account.email_address);"
                        + " nothing was saved. Start the login again."));
    CredentialFile file = ClaudeAuthFile.fromLogin(answer, email, clock.instant(), zone);
    Path saved = LoginStore.save(authDir, file);
    out.println("Claude account " + email + " added: saved to " + saved);
    out.flush();
    return new Result(email, saved);
  }

  /** The sign-in page address with Claude Code's client, scopes, PKCE challenge and state. */
  URI authorizeUrl(OAuthState state, Pkce pkce) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("code", "true");
    query.put("client_id", ClaudeOAuth.CLIENT_ID);
    query.put("response_type", "code");
    query.put("redirect_uri", ClaudeOAuth.REDIRECT_URI);
    query.put("scope", ClaudeOAuth.SCOPES);
    query.put("code_challenge", pkce.challenge());
    query.put("code_challenge_method", Pkce.METHOD);
    query.put("state", state.value());
    String encoded =
        query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String base = endpoints.authorize();
    return URI.create(base + (base.contains("?") ? "&" : "?") + encoded);
  }
}
