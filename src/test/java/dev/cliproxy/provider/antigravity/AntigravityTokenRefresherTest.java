package dev.cliproxy.provider.antigravity;

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

/** Antigravity refreshes with its own client at a fake Google token endpoint. */
class AntigravityTokenRefresherTest {
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

  private AntigravityTokenRefresher refresher() {
    return new AntigravityTokenRefresher(
        AntigravityEndpoints.of(
            new Config.Endpoints(Map.of("antigravity", Map.of("token", google.tokenUrl())))),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static CredentialFile file(String refreshToken) {
    return CredentialFile.parse(
        "antigravity-me@example.com.json",
        ("{\"access_token\":\"ya29.old\",\"email\":\"me@example.com\",\"expires_in\":3599,"
                + "\"project_id\":\"p-1\",\"refresh_token\":\""
                + refreshToken
                + "\",\"timestamp\":1764583200000,\"type\":\"antigravity\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void expiryWithoutExpiredIsTimestampPlusExpiresIn() {
    assertThat(file("r").expiry()).hasValue(Instant.ofEpochMilli(1764583200000L).plusSeconds(3599));
    assertThat(refresher().leadTime()).hasMinutes(5);
  }

  @Test
  void refreshesWithAntigravitysClientKeepingTheRefreshTokenAndProject() throws Exception {
    String refresh = google.issueRefreshToken(FakeGoogleOAuth.ANTIGRAVITY);

    CredentialFile updated = refresher().refresh(file(refresh), http);

    assertThat(updated.accessToken()).get().asString().startsWith(FakeGoogleOAuth.ACCESS_PREFIX);
    assertThat(updated.refreshToken()).hasValue(refresh);
    assertThat(updated.expiry()).hasValue(NOW.plusSeconds(3599));
    assertThat(updated.get("timestamp").orElseThrow().asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(updated.get("project_id").orElseThrow().asText()).isEqualTo("p-1");
    assertThat(updated.type()).isEqualTo("antigravity");
    assertThat(google.tokenCalls().get(0).form())
        .containsEntry("client_id", FakeGoogleOAuth.ANTIGRAVITY_CLIENT_ID)
        .containsEntry("client_secret", FakeGoogleOAuth.ANTIGRAVITY_CLIENT_SECRET)
        .containsEntry("grant_type", "refresh_token");
  }

  @Test
  void aGeminiCliRefreshTokenIsNotAntigravitysAndNeedsALogin() throws Exception {
    String geminis = google.issueRefreshToken();

    RefreshFailure failure =
        catchThrowableOfType(RefreshFailure.class, () -> refresher().refresh(file(geminis), http));

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.getMessage()).contains("invalid_grant", "--antigravity-login");
  }

  @Test
  void aRevokedRefreshTokenNeedsALogin() throws Exception {
    String refresh = google.issueRefreshToken(FakeGoogleOAuth.ANTIGRAVITY);
    google.revoke(refresh);

    RefreshFailure failure =
        catchThrowableOfType(RefreshFailure.class, () -> refresher().refresh(file(refresh), http));

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.getMessage()).doesNotContain(refresh);
  }
}
