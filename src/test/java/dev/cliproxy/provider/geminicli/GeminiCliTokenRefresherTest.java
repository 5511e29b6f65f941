package dev.cliproxy.provider.geminicli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.testing.FakeGoogleOAuth;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gemini CLI refreshes against a fake Google token endpoint (refresh tokens do not rotate). */
class GeminiCliTokenRefresherTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  FakeGoogleOAuth google;
  UpstreamClients clients;
  HttpClient http;

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogleOAuth.start("me@example.com");
    clients = new UpstreamClients();
    http = clients.forProxy(Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    google.close();
  }

  private static GeminiCliTokenRefresher refresher(Map<String, String> endpoints) {
    return new GeminiCliTokenRefresher(
        GeminiCliEndpoints.of(new Config.Endpoints(Map.of("gemini-cli", endpoints))),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static CredentialFile file(String refreshToken, String tokenUri) {
    return CredentialFile.parse(
        "gemini-me@example.com-p.json",
        ("{\"token\":{\"access_token\":\"ya29.old\",\"client_id\":\""
                + FakeGoogleOAuth.CLIENT_ID
                + "\",\"client_secret\":\""
                + FakeGoogleOAuth.CLIENT_SECRET
                + "\",\"expiry\":\"2026-11-21T10:01:00Z\",\"refresh_token\":\""
                + refreshToken
                + "\",\"token_type\":\"Bearer\",\"token_uri\":\""
                + tokenUri
                + "\",\"universe_domain\":\"googleapis.com\"},\"project_id\":\"p\","
                + "\"email\":\"me@example.com\",\"auto\":false,\"checked\":true,"
                + "\"proxy_url\":\"\",\"type\":\"gemini\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refreshesAtTheFilesTokenUriKeepingTheRefreshTokenAndEveryOtherField() throws Exception {
    String refresh = google.issueRefreshToken();

    CredentialFile updated = refresher(Map.of()).refresh(file(refresh, google.tokenUrl()), http);

    assertThat(updated.accessToken()).get().asString().startsWith(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(updated.refreshToken()).hasValue(refresh);
    assertThat(updated.expiry()).hasValue(NOW.plusSeconds(3599));
    assertThat(updated.get("project_id").orElseThrow().asText()).isEqualTo("p");
    assertThat(updated.get("token").orElseThrow().path("universe_domain").asText())
        .isEqualTo("googleapis.com");
    assertThat(updated.get("proxy_url")).isPresent();
    assertThat(google.tokenCalls().get(0).form())
        .containsEntry("client_id", FakeGoogleOAuth.CLIENT_ID)
        .containsEntry("refresh_token", refresh);
  }

  @Test
  void theConfiguredTokenEndpointReplacesTheFilesTokenUri() throws Exception {
    String refresh = google.issueRefreshToken();

    CredentialFile updated =
        refresher(Map.of("token", google.tokenUrl()))
            .refresh(file(refresh, "https://oauth2.googleapis.com/token"), http);

    assertThat(updated.accessToken()).get().asString().startsWith(FakeGoogleOAuth.ACCESS_PREFIX);
  }

  @Test
  void aRevokedRefreshTokenNeedsANewLogin() {
    String refresh = google.issueRefreshToken();
    google.revoke(refresh);

    RefreshFailure failure =
        catchThrowableOfType(
            RefreshFailure.class,
            () -> refresher(Map.of()).refresh(file(refresh, google.tokenUrl()), http));

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.getMessage()).contains("invalid_grant", "--login").doesNotContain(refresh);
  }

  @Test
  void anUnreachableEndpointIsTransient() {
    RefreshFailure failure =
        catchThrowableOfType(
            RefreshFailure.class,
            () ->
                refresher(Map.of("token", "http://127.0.0.1:9/token"))
                    .refresh(file("1//x", google.tokenUrl()), http));

    assertThat(failure.permanent()).isFalse();
  }

  @Test
  void aFileWithTopLevelTokensGetsThemRefreshedTooSoItsExpiryMovesOn() throws Exception {
    String refresh = google.issueRefreshToken();
    CredentialFile flat =
        file(refresh, google.tokenUrl())
            .with("access_token", "ya29.top-old")
            .with("expired", "2026-01-01T00:00:00Z");

    CredentialFile updated = refresher(Map.of()).refresh(flat, http);

    assertThat(updated.accessToken()).get().asString().startsWith(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(updated.expiry()).hasValue(NOW.plusSeconds(3599));
  }
}
