package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.testing.FakeOpenAiAuth;
import java.net.ServerSocket;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodexTokenRefresherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  FakeOpenAiAuth auth;
  FakeTime time;
  CodexTokenRefresher refresher;
  UpstreamClients clients;
  HttpClient http;

  @BeforeEach
  void start() throws Exception {
    auth = FakeOpenAiAuth.start();
    time = new FakeTime();
    clients = new UpstreamClients();
    http = clients.forProxy(java.util.Optional.empty());
    refresher =
        new CodexTokenRefresher(
            new CodexEndpoints("http://127.0.0.1:1/unused", auth.baseUrl()), time);
  }

  @AfterEach
  void stop() {
    clients.close();
    auth.close();
  }

  /** A file as a login wrote it, with an extra field the proxy does not know. */
  private static CredentialFile loggedIn(String refreshToken) {
    ObjectNode json = JSON.createObjectNode();
    json.put(
        "id_token",
        FakeOpenAiAuth.idToken(new FakeOpenAiAuth.Identity("old@example.com", "acct-old", "pro")));
    json.put("access_token", "at_old");
    json.put("refresh_token", refreshToken);
    json.put("account_id", "acct-old");
    json.put("last_refresh", "2026-02-01T10:00:00Z");
    json.put("email", "old@example.com");
    json.put("type", "codex");
    json.put("expired", "2026-03-02T10:00:00Z");
    json.put("note", "kept");
    return CredentialFile.of("codex-old@example.com.json", json);
  }

  @Test
  void leadTimeIsFiveDays() {
    assertThat(refresher.leadTime()).isEqualTo(Duration.ofDays(5));
  }

  @Test
  void refreshSendsTheFormWithScopeAndStoresTheRotatedTokens() throws Exception {
    auth.acceptRefreshToken("rt_old");
    auth.identity(new FakeOpenAiAuth.Identity("new@example.com", "acct-new", "pro"));

    CredentialFile updated = refresher.refresh(loggedIn("rt_old"), http);

    FakeOpenAiAuth.Received call = auth.received("/oauth/token").get(0);
    assertThat(call.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
    assertThat(call.headers().get("accept")).isEqualTo("application/json");
    assertThat(call.form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("client_id", FakeOpenAiAuth.CLIENT_ID)
        .containsEntry("refresh_token", "rt_old")
        .containsEntry("scope", "openid profile email");
    assertThat(updated.id()).isEqualTo("codex-old@example.com.json");
    assertThat(updated.accessToken()).hasValue("at_fake_1");
    assertThat(updated.refreshToken()).hasValue("rt_fake_1");
    assertThat(updated.email()).hasValue("new@example.com");
    assertThat(updated.get("account_id").orElseThrow().asText()).isEqualTo("acct-new");
    assertThat(updated.get("note").orElseThrow().asText()).isEqualTo("kept");
    assertThat(updated.lastRefresh()).hasValue("2026-03-01T18:00:00+08:00");
    assertThat(updated.expiry()).hasValue(time.instant().plus(Duration.ofDays(10)));
  }

  @Test
  void theRotatedTokenWorksOnceAndTheOldOneIsThenRefusedForGood() throws Exception {
    auth.acceptRefreshToken("rt_old");
    CredentialFile first = refresher.refresh(loggedIn("rt_old"), http);
    CredentialFile second = refresher.refresh(first, http);
    assertThat(second.refreshToken()).hasValue("rt_fake_2");

    assertThatThrownBy(() -> refresher.refresh(loggedIn("rt_old"), http))
        .isInstanceOfSatisfying(
            RefreshFailure.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e.getMessage())
                  .contains("refresh_token_reused", "--codex-login")
                  .doesNotContain("rt_old");
            });
  }

  @Test
  void anAnswerWithoutIdTokenOrRefreshTokenKeepsTheKnownValues() throws Exception {
    auth.acceptRefreshToken("rt_old");
    CredentialFile current = loggedIn("rt_old");
    auth.answerRefresh(200, "{\"access_token\":\"at_bare\",\"expires_in\":3600}");

    CredentialFile updated = refresher.refresh(current, http);

    assertThat(updated.accessToken()).hasValue("at_bare");
    assertThat(updated.refreshToken()).hasValue("rt_old");
    assertThat(updated.idToken()).isEqualTo(current.idToken());
    assertThat(updated.email()).hasValue("old@example.com");
    assertThat(updated.get("account_id").orElseThrow().asText()).isEqualTo("acct-old");
    assertThat(updated.expiry()).hasValue(time.instant().plusSeconds(3600));
  }

  @Test
  void invalidGrantIsPermanent() {
    auth.answerRefresh(
        400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}");

    assertThatThrownBy(() -> refresher.refresh(loggedIn("rt_secret_value"), http))
        .isInstanceOfSatisfying(
            RefreshFailure.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e.getMessage())
                  .contains("invalid_grant", "Refresh token revoked", "old@example.com")
                  .doesNotContain("rt_secret_value");
            });
  }

  @Test
  void serverErrorsAreTransient() {
    auth.answerRefresh(
        503, "{\"error\":{\"message\":\"upstream overloaded\",\"code\":\"overloaded\"}}");

    assertThatThrownBy(() -> refresher.refresh(loggedIn("rt_old"), http))
        .isInstanceOfSatisfying(
            RefreshFailure.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.getMessage()).contains("503", "overloaded");
            });
  }

  @Test
  void anUnreachableServerIsTransient() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CodexTokenRefresher offline =
        new CodexTokenRefresher(
            new CodexEndpoints("http://127.0.0.1:1/unused", "http://127.0.0.1:" + closed), time);

    assertThatThrownBy(() -> offline.refresh(loggedIn("rt_old"), http))
        .isInstanceOfSatisfying(
            RefreshFailure.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.getMessage()).contains("could not reach").doesNotContain("rt_old");
            });
  }

  @Test
  void aFileWithoutRefreshTokenNeedsALogin() {
    CredentialFile bare = loggedIn("x").without("refresh_token");

    assertThatThrownBy(() -> refresher.refresh(bare, http))
        .isInstanceOfSatisfying(RefreshFailure.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(auth.received()).isEmpty();
  }
}
