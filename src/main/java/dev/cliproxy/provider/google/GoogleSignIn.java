package dev.cliproxy.provider.google;

import dev.cliproxy.auth.oauth.AuthorizationCodeLogin;
import dev.cliproxy.auth.oauth.LoginException;
import java.io.PrintWriter;
import java.net.URI;
import org.eclipse.jetty.client.HttpClient;

/**
 * The part every Google login shares: the consent page (browser or pasted redirect), the code
 * traded for tokens, and the account's email from userinfo. What a kind does next (projects,
 * onboarding, its file) is its own.
 *
 * @param browserLogin the consent page and the callback, on the kind's registered redirect
 * @param client the kind's OAuth client
 * @param authorizeEndpoint Google's consent page, or its override
 * @param tokenEndpoint Google's token endpoint, or its override
 * @param userinfo where the email is read
 * @param http a started HTTP client (with the config's outbound proxy)
 * @param out where the login talks to the user
 */
public record GoogleSignIn(
    AuthorizationCodeLogin browserLogin,
    GoogleOAuthClient client,
    String authorizeEndpoint,
    String tokenEndpoint,
    GoogleCloudProjects userinfo,
    HttpClient http,
    PrintWriter out) {

  /** A signed-in Google account: its tokens and its email. */
  public record SignedIn(GoogleTokens tokens, String email) {}

  /**
   * Signs in.
   *
   * @param redirectUri the redirect address registered for the kind's client
   * @throws LoginException as {@link AuthorizationCodeLogin} does, and {@code EXCHANGE_FAILED} when
   *     Google's tokens or userinfo cannot be used; nothing is saved either way
   */
  public SignedIn run(String redirectUri, boolean noBrowser)
      throws LoginException, InterruptedException {
    AuthorizationCodeLogin.Grant grant =
        browserLogin.run(
            (state, pkce) -> client.authorizeUrl(authorizeEndpoint, redirectUri, state.value()),
            noBrowser);
    out.println("Signed in; fetching the account's tokens...");
    out.flush();
    GoogleTokens tokens;
    String email;
    try {
      tokens =
          new GoogleTokenEndpoint(URI.create(tokenEndpoint), client, http)
              .exchange(grant.code(), grant.redirectUri());
      email = userinfo.email(http, tokens.accessToken());
    } catch (GoogleCallFailure e) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "The sign-in worked but Google's answer could not be used: "
              + e.getMessage()
              + ". Nothing was saved; start the login again.",
          e);
    }
    if (email.isBlank()) {
      throw new LoginException(
          LoginException.Reason.EXCHANGE_FAILED,
          "Google's userinfo did not name the account's email; nothing was saved. Start the login"
              + " again and allow access to the email address.");
    }
    return new SignedIn(tokens, email);
  }
}
