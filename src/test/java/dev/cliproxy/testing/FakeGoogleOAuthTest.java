package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Google OAuth refuses what Google's refuses, so the login tests mean something. */
class FakeGoogleOAuthTest {
  FakeGoogleOAuth google;

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start("me@example.com");
  }

  @AfterEach
  void stop() throws Exception {
    google.close();
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> token(Map<String, String> fields) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(google.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private URI consent(String redirectUri, String clientId) {
    return URI.create(
        google.authorizeUrl()
            + "?"
            + form(
                Map.of(
                    "access_type", "offline",
                    "client_id", clientId,
                    "prompt", "consent",
                    "redirect_uri", redirectUri,
                    "response_type", "code",
                    "scope", FakeGoogleOAuth.SCOPES,
                    "state", "s1")));
  }

  private static String code(URI redirect) {
    for (String pair : redirect.getRawQuery().split("&")) {
      if (pair.startsWith("code=")) {
        return java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(redirect.toString());
  }

  private Map<String, String> exchange(String code, String secret, String redirectUri) {
    return Map.of(
        "grant_type", "authorization_code",
        "code", code,
        "redirect_uri", redirectUri,
        "client_id", FakeGoogleOAuth.CLIENT_ID,
        "client_secret", secret);
  }

  @Test
  void theConsentPageTakesOnlyGeminiClisClientAndRedirect() throws Exception {
    assertThat(google.approve(consent(FakeGoogleOAuth.REDIRECT_URI, FakeGoogleOAuth.CLIENT_ID)))
        .hasToString(
            FakeGoogleOAuth.REDIRECT_URI
                + "?state=s1&code="
                + URLEncoder.encode("4/fake-code-1", StandardCharsets.UTF_8)
                + "&scope="
                + URLEncoder.encode(FakeGoogleOAuth.SCOPES, StandardCharsets.UTF_8));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> google.approve(consent("http://localhost:9999/cb", FakeGoogleOAuth.CLIENT_ID)))
        .hasMessageContaining("redirect_uri_mismatch");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> google.approve(consent(FakeGoogleOAuth.REDIRECT_URI, "other-client")))
        .hasMessageContaining("invalid_client");
  }

  @Test
  void codesWorkOnceWithTheirRedirectAndTheRightSecret() throws Exception {
    String code =
        code(google.approve(consent(FakeGoogleOAuth.REDIRECT_URI, FakeGoogleOAuth.CLIENT_ID)));
    assertThat(token(exchange(code, "wrong-secret", FakeGoogleOAuth.REDIRECT_URI)).body())
        .contains("invalid_client");
    assertThat(token(exchange(code, FakeGoogleOAuth.CLIENT_SECRET, "http://localhost:1/x")).body())
        .contains("invalid_grant");

    String fresh =
        code(google.approve(consent(FakeGoogleOAuth.REDIRECT_URI, FakeGoogleOAuth.CLIENT_ID)));
    HttpResponse<String> ok =
        token(exchange(fresh, FakeGoogleOAuth.CLIENT_SECRET, FakeGoogleOAuth.REDIRECT_URI));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"refresh_token\"", FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(
            token(exchange(fresh, FakeGoogleOAuth.CLIENT_SECRET, FakeGoogleOAuth.REDIRECT_URI))
                .body())
        .contains("invalid_grant");
  }

  @Test
  void refreshTokensItNeverIssuedAreInvalidGrant() throws Exception {
    HttpResponse<String> refused =
        token(
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                "1//made-up",
                "client_id",
                FakeGoogleOAuth.CLIENT_ID,
                "client_secret",
                FakeGoogleOAuth.CLIENT_SECRET));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("invalid_grant");
  }

  @Test
  void antigravitysClientHasItsOwnRedirectScopesAndSecret() throws Exception {
    URI antigravity =
        URI.create(
            google.base()
                + "/o/oauth2/v2/auth?"
                + form(
                    Map.of(
                        "access_type", "offline",
                        "client_id", FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID,
                        "prompt", "consent",
                        "redirect_uri", FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI,
                        "response_type", "code",
                        "scope", FakeGoogleOAuth.ANTIGRAVITY_SCOPES,
                        "state", "s2")));
    String code = code(google.approve(antigravity));
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            google.approve(
                consent(FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI, FakeGoogleOAuth.CLIENT_ID)))
        .hasMessageContaining("redirect_uri_mismatch");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            google.approve(
                consent(
                    FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI,
                    FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID)))
        .hasMessageContaining("invalid_scope");
    // Gemini CLI's client cannot redeem Antigravity's code, nor Antigravity's id Gemini's secret.
    assertThat(
            token(
                    exchange(
                        code,
                        FakeGoogleOAuth.CLIENT_SECRET,
                        FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI))
                .body())
        .contains("invalid_grant");
    Map<String, String> mixed =
        new java.util.HashMap<>(
            exchange(
                code, FakeGoogleOAuth.CLIENT_SECRET, FakeGoogleOAuth.ANTIGRAVITY_REDIRECT_URI));
    mixed.put("client_id", FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID);
    assertThat(token(mixed).body()).contains("invalid_client");
    mixed.put("client_secret", FakeGoogleOAuth.ANTIGRAVITY_CLIENT_SECRET);
    mixed.put("code", code(google.approve(antigravity))); // a tried code is spent
    HttpResponse<String> ok = token(mixed);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("cclog");
  }
}
