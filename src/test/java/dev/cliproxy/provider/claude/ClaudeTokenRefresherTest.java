package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.testing.FakeClaudeAuth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claude refreshes against a fake token endpoint that rotates refresh tokens. */
class ClaudeTokenRefresherTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  FakeClaudeAuth auth;
  UpstreamClients clients;
  ClaudeTokenRefresher refresher;
  HttpClient http;

  @BeforeEach
  void start() throws Exception {
    auth = FakeClaudeAuth.start("fresh@example.com");
    clients = new UpstreamClients();
    refresher =
        new ClaudeTokenRefresher(
            ClaudeEndpoints.of(
                new Config.Endpoints(Map.of("claude", Map.of("token", auth.tokenUrl())))),
            Clock.fixed(NOW, ZoneOffset.ofHours(8)));
    http = clients.forProxy(Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    auth.close();
  }

  private static CredentialFile file(String refreshToken) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id_token", "");
    json.put("access_token", "sk-ant-oat01-old");
    json.put("refresh_token", refreshToken);
    json.put("last_refresh", "2026-11-20T10:00:00Z");
    json.put("email", "kept@example.com");
    json.put("type", "claude");
    json.put("expired", "2026-11-21T11:00:00Z");
    json.put("proxy_url", "socks5://127.0.0.1:1");
    return CredentialFile.of("claude-kept@example.com.json", json);
  }

  @Test
  void refreshesFourHoursAhead() {
    assertThat(refresher.leadTime()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void aRefreshRotatesTheRefreshTokenAndKeepsWhatTheAnswerLacks() throws Exception {
    auth.emailInRefresh(false);
    String first = auth.issueRefreshToken();

    CredentialFile updated = refresher.refresh(file(first), http);

    assertThat(updated.accessToken()).get().asString().startsWith("sk-ant-oat01-fake-");
    assertThat(updated.refreshToken()).get().isNotEqualTo(first);
    assertThat(updated.email()).hasValue("kept@example.com");
    assertThat(updated.proxyUrl()).hasValue("socks5://127.0.0.1:1");
    assertThat(updated.lastRefresh()).hasValue("2026-11-21T18:00:00+08:00");
    assertThat(updated.expiry()).hasValue(NOW.plusSeconds(28800));
    assertThat(auth.tokenCalls().get(0).body().toString())
        .isEqualTo(
            "{\"client_id\":\""
                + FakeClaudeAuth.CLIENT_ID
                + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\""
                + first
                + "\"}");

    // The rotated token works once more; the first one is spent.
    CredentialFile again = refresher.refresh(updated, http);
    assertThat(again.refreshToken()).get().isNotEqualTo(updated.refreshToken().get());
    RefreshFailure reused =
        catchThrowableOfType(RefreshFailure.class, () -> refresher.refresh(file(first), http));
    assertThat(reused.permanent()).isTrue();
    assertThat(reused.getMessage())
        .contains("invalid_grant")
        .contains("--claude-login")
        .doesNotContain(first);
  }

  @Test
  void anEmailInTheAnswerReplacesTheOldOne() throws Exception {
    CredentialFile updated = refresher.refresh(file(auth.issueRefreshToken()), http);
    assertThat(updated.email()).hasValue("fresh@example.com");
    assertThat(updated.id()).isEqualTo("claude-kept@example.com.json");
  }

  @Test
  void serverTroubleIsTransient() {
    auth.failRefreshWith(503);
    String token = auth.issueRefreshToken();

    RefreshFailure failure =
        catchThrowableOfType(RefreshFailure.class, () -> refresher.refresh(file(token), http));

    assertThat(failure.permanent()).isFalse();
    assertThat(failure.getMessage()).contains("503").doesNotContain(token);
  }

  @Test
  void anUnreachableEndpointIsTransient() throws Exception {
    auth.close();
    RefreshFailure failure =
        catchThrowableOfType(
            RefreshFailure.class, () -> refresher.refresh(file("sk-ant-ort01-x"), http));
    assertThat(failure.permanent()).isFalse();
    assertThat(failure.getMessage()).contains("Could not reach");
  }

  @Test
  void aFileWithoutARefreshTokenNeedsALogin() {
    RefreshFailure failure =
        catchThrowableOfType(
            RefreshFailure.class,
            () -> refresher.refresh(file("x").without("refresh_token"), http));
    assertThat(failure.permanent()).isTrue();
  }
}
