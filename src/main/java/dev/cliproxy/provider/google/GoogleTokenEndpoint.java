package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.store.CredentialFile;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;

/**
 * Google's OAuth token endpoint ({@code https://oauth2.googleapis.com/token} unless overridden):
 * exchanges a login's code and refreshes tokens, with the client's id and secret in the form body.
 * Google refresh tokens do not rotate: a refresh answer usually has none.
 */
public final class GoogleTokenEndpoint {
  /** Where Google's token endpoint is. */
  public static final String DEFAULT_URL = "https://oauth2.googleapis.com/token";

  private final URI url;
  private final GoogleOAuthClient client;
  private final GoogleApiCall call;

  public GoogleTokenEndpoint(URI url, GoogleOAuthClient client, HttpClient http) {
    this.url = url;
    this.client = client;
    this.call = new GoogleApiCall(http);
  }

  /** Exchanges an authorization code sent to {@code redirectUri}. */
  public GoogleTokens exchange(String code, String redirectUri)
      throws GoogleCallFailure, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("client_id", client.clientId());
    form.put("client_secret", client.clientSecret());
    return tokens(call.postForm(url, GoogleOAuthClient.form(form)));
  }

  /** Trades a refresh token for a new access token. */
  public GoogleTokens refresh(String refreshToken) throws GoogleCallFailure, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", client.clientId());
    form.put("client_secret", client.clientSecret());
    return tokens(call.postForm(url, GoogleOAuthClient.form(form)));
  }

  /**
   * Refreshes an account's token for the refresh engine: a missing refresh token or a refused grant
   * ({@code invalid_grant}) needs a new login with {@code loginFlag}; anything else is worth
   * another try later.
   */
  public GoogleTokens refreshAccount(CredentialFile account, String loginFlag)
      throws RefreshFailure, InterruptedException {
    String refreshToken =
        account
            .refreshToken()
            .orElseThrow(() ->
                RefreshFailure.permanent(
                    account.id() + " has no refresh_token; log in again with " + loginFlag));
    try {
      return refresh(refreshToken);
    } catch (GoogleCallFailure e) {
      if (e.grantRefused()) {
        throw RefreshFailure.permanent(
            "Google's token endpoint " + e.getMessage() + "; log in again with " + loginFlag);
      }
      throw RefreshFailure.transientFailure(
          "Google's token endpoint " + e.getMessage(), e.getCause());
    }
  }

  private static GoogleTokens tokens(JsonNode answer) throws GoogleCallFailure {
    String access = answer.path("access_token").asText("");
    if (access.isEmpty()) {
      throw new GoogleCallFailure(
          200, "", "Google's token endpoint answered without an access_token", null);
    }
    return new GoogleTokens(
        access,
        answer.path("refresh_token").asText(""),
        answer.path("expires_in").asLong(3599),
        answer.path("token_type").asText("Bearer"));
  }
}
