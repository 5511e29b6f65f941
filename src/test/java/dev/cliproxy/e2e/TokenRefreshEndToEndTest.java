package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.Account;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeHttpForwardProxy;
import dev.cliproxy.testing.FakeOAuthServer;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.PrometheusText;
import dev.cliproxy.testing.RunningProxy;
import dev.cliproxy.testing.TestOAuthKind;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts staying alive through the refresh engine, against a loopback OAuth server whose refresh
 * tokens rotate (each works once) and an upstream that refuses stale access tokens.
 */
class TokenRefreshEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration LEAD = Duration.ofMinutes(5);

  @TempDir Path dir;
  private FakeOAuthServer oauth;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    oauth = FakeOAuthServer.start();
    upstream = FakeOpenAiUpstream.start("oauth-upstream");
    proxy =
        RunningProxy.start(
            dir,
            "",
            ProxyWiring.standard()
                .withRefreshTick(Duration.ofMillis(100))
                .withKinds(List.of(new TestOAuthKind(oauth.tokenUri(), LEAD, Clock.systemUTC()))));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
    oauth.close();
  }

  /** Writes an account file with tokens the fake issued, expiring at {@code expiry}. */
  private FakeOAuthServer.Tokens writeAccount(String name, Instant expiry) throws Exception {
    return writeAccount(name, expiry, "");
  }

  private FakeOAuthServer.Tokens writeAccount(String name, Instant expiry, String extraFields)
      throws Exception {
    FakeOAuthServer.Tokens tokens = oauth.issueTokens();
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(
        tmp,
        """
        {"type":"%s","email":"%s@example.com","access_token":"%s","refresh_token":"%s",\
        "expired":"%s","base_url":"%s","account_note":{"kept":[1,2.50,"x"]}%s}
        """
            .formatted(
                TestOAuthKind.TYPE,
                name,
                tokens.accessToken(),
                tokens.refreshToken(),
                expiry,
                upstream.baseUrl(),
                extraFields));
    Files.move(tmp, proxy.authDir().resolve(name + ".json"));
    assertThat(eventually(WAIT, () -> account(name) != null)).isTrue();
    return tokens;
  }

  private Account account(String name) {
    return proxy.app().accounts().all().stream()
        .filter(a -> a.id().equals(name + ".json"))
        .findFirst()
        .orElse(null);
  }

  private JsonNode fileOnDisk(String name) throws Exception {
    return JSON.readTree(Files.readString(proxy.authDir().resolve(name + ".json")));
  }

  private HttpResponse<String> chat(String text) throws Exception {
    return proxy.send(
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\"oauth-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text
                + "\"}]}"));
  }

  /** Makes the upstream answer 401 to a token, as providers do once a token expired. */
  private void upstreamRefuses(String accessToken) {
    upstream.failFor(
        accessToken,
        401,
        Map.of(),
        "{\"error\":{\"message\":\"Your authentication token has expired.\",\"type\":\"invalid_request_error\",\"code\":\"token_expired\"}}");
  }

  @Test
  void aTokenCloseToExpiryIsRefreshedAheadAndTheRotatedTokensAreSavedFirst() throws Exception {
    FakeOAuthServer.Tokens old = writeAccount("ann", Instant.now().plus(Duration.ofMinutes(2)));

    assertThat(eventually(WAIT, () -> oauth.refreshCalls() == 1)).isTrue();
    assertThat(
            eventually(WAIT, () -> account("ann").accessToken().equals(oauth.currentAccessToken())))
        .isTrue();

    JsonNode saved = fileOnDisk("ann");
    assertThat(saved.path("access_token").asText()).isEqualTo(oauth.currentAccessToken());
    assertThat(saved.path("refresh_token").asText())
        .isEqualTo(oauth.currentRefreshToken())
        .isNotEqualTo(old.refreshToken());
    assertThat(Instant.parse(saved.path("expired").asText())).isAfter(Instant.now().plus(LEAD));
    assertThat(Files.readString(proxy.authDir().resolve("ann.json")))
        .as("unknown fields and their numbers are kept as written")
        .contains("\"account_note\":{\"kept\":[1,2.50,\"x\"]}");
    assertThat(Files.getPosixFilePermissions(proxy.authDir().resolve("ann.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    upstreamRefuses(old.accessToken());
    assertThat(chat("hello").statusCode()).isEqualTo(200);
    assertThat(upstream.received().getLast().header("authorization"))
        .isEqualTo("Bearer " + oauth.currentAccessToken());
    Thread.sleep(500);
    assertThat(oauth.refreshCalls()).as("no second refresh once the token is fresh").isEqualTo(1);
  }

  @Test
  void theRefreshGoesThroughTheAccountsOwnProxy() throws Exception {
    try (FakeHttpForwardProxy forward = FakeHttpForwardProxy.start("u", "p")) {
      writeAccount(
          "gil",
          Instant.now().plus(Duration.ofMinutes(1)),
          ",\"proxy_url\":\"http://u:p@127.0.0.1:" + forward.port() + "\"");

      assertThat(eventually(WAIT, () -> oauth.refreshCalls() == 1)).isTrue();

      assertThat(eventually(WAIT, () -> !forward.forwarded().isEmpty())).isTrue();
      assertThat(forward.forwarded().get(0).requestLine()).contains("/token");
    }
  }

  @Test
  void a401IsFollowedByOneRefreshAndTheRequestSucceeds() throws Exception {
    FakeOAuthServer.Tokens old = writeAccount("bea", Instant.now().plus(Duration.ofDays(3)));
    upstreamRefuses(old.accessToken());

    HttpResponse<String> answer = chat("hello");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo: hello");
    assertThat(oauth.refreshCalls()).isEqualTo(1);
    assertThat(upstream.received()).hasSize(2);
    assertThat(upstream.received().getLast().header("authorization"))
        .isEqualTo("Bearer " + oauth.currentAccessToken());
    assertThat(fileOnDisk("bea").path("refresh_token").asText())
        .isEqualTo(oauth.currentRefreshToken());
  }

  @Test
  void twentyConcurrentRequestsMeetingA401CauseExactlyOneRefresh() throws Exception {
    FakeOAuthServer.Tokens old = writeAccount("cat", Instant.now().plus(Duration.ofDays(3)));
    upstreamRefuses(old.accessToken());
    oauth.refreshDelay(Duration.ofMillis(300));

    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      answers.add(pool.submit(() -> chat("req " + n)));
    }
    for (Future<HttpResponse<String>> answer : answers) {
      assertThat(answer.get().statusCode()).isEqualTo(200);
    }
    pool.shutdown();

    assertThat(oauth.refreshCalls()).isEqualTo(1);
  }

  @Test
  void twoProxiesSharingTheAuthDirectorySpendTheRotatingRefreshTokenOnce() throws Exception {
    FakeOAuthServer.Tokens old = writeAccount("hub", Instant.now().plus(Duration.ofDays(3)));
    upstreamRefuses(old.accessToken());
    oauth.refreshDelay(Duration.ofMillis(300));
    Path otherDir = Files.createDirectories(dir.resolve("other"));
    try (RunningProxy other =
        RunningProxy.start(
            otherDir,
            "auth-dir: " + proxy.authDir() + "\n",
            ProxyWiring.standard()
                .withRefreshTick(Duration.ofMillis(100))
                .withKinds(
                    List.of(new TestOAuthKind(oauth.tokenUri(), LEAD, Clock.systemUTC()))))) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (RunningProxy each : List.of(proxy, other, proxy, other)) {
        answers.add(
            pool.submit(() ->
                each.send(
                    each.post(
                        "/v1/chat/completions",
                        "{\"model\":\"oauth-model\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}"))));
      }
      for (Future<HttpResponse<String>> answer : answers) {
        assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
      }
      pool.shutdown();

      assertThat(oauth.refreshCalls()).isEqualTo(1);
      assertThat(other.app().accounts().all()).noneMatch(Account::needsLogin);
      assertThat(proxy.app().accounts().all()).noneMatch(Account::needsLogin);
    }
  }

  @Test
  void refreshesAndAccountsNeedingALoginAreCountedInTheMetrics() throws Exception {
    FakeOAuthServer.Tokens bea = writeAccount("bea", Instant.now().plus(Duration.ofDays(3)));
    upstreamRefuses(bea.accessToken());
    assertThat(chat("hello").statusCode()).isEqualTo(200);
    FakeOAuthServer.Tokens dan = writeAccount("dan", Instant.now().plus(Duration.ofDays(3)));
    upstreamRefuses(dan.accessToken());
    oauth.refuseRefreshes();
    chat("one"); // bea is tried first or second; dan's refresh is refused either way
    chat("two");
    assertThat(eventually(WAIT, () -> account("dan").needsLogin())).isTrue();

    PrometheusText.Scrape metrics = PrometheusText.parse(proxy.send(proxy.get("/metrics")).body());

    String provider = TestOAuthKind.TYPE;
    assertThat(
            metrics.sum(
                "cliproxy_token_refreshes_total", "provider", provider, "result", "refreshed"))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "cliproxy_token_refreshes_total", "provider", provider, "result", "needs_login"))
        .isEqualTo(1);
    assertThat(oauth.refreshCalls()).isEqualTo(2);
    assertThat(metrics.sum("cliproxy_token_refreshes_total")).isEqualTo(2);
    assertThat(metrics.sum("cliproxy_credentials", "state", "needs_login")).isEqualTo(1);
  }

  @Test
  void aRefusedRefreshTokenMarksTheAccountAsNeedingLoginUntilANewFileArrives() throws Exception {
    FakeOAuthServer.Tokens old = writeAccount("dan", Instant.now().plus(Duration.ofDays(3)));
    upstreamRefuses(old.accessToken());
    oauth.refuseRefreshes();

    HttpResponse<String> first = chat("one");
    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(account("dan").needsLogin()).isTrue();
    assertThat(account("dan").health().message()).contains("invalid_grant");

    HttpResponse<String> second = chat("two");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.body()).contains("dan.json needs a new login");
    assertThat(oauth.refreshCalls()).as("a refused grant is not retried").isEqualTo(1);

    Files.delete(proxy.authDir().resolve("dan.json"));
    assertThat(eventually(WAIT, () -> account("dan") == null)).isTrue();
    writeAccount("dan", Instant.now().plus(Duration.ofDays(3)));
    assertThat(account("dan").needsLogin()).isFalse();
    assertThat(chat("three").statusCode()).isEqualTo(200);
  }

  @Test
  void aTransientRefreshFailureBacksOffInsteadOfHammeringTheServer() throws Exception {
    oauth.failNextRefreshes(1);
    writeAccount("eve", Instant.now().plus(Duration.ofMinutes(1)));

    assertThat(eventually(WAIT, () -> account("eve").refreshFailures() == 1)).isTrue();
    Thread.sleep(1000);

    assertThat(oauth.refreshCalls()).isEqualTo(1);
    assertThat(account("eve").needsLogin()).isFalse();
    assertThat(account("eve").nextRefreshAttempt())
        .isAfter(Instant.now().plus(Duration.ofSeconds(20)));
  }

  @Test
  void aCoolingAccountIsStillRefreshedSoItIsAliveWhenItsQuotaReturns() throws Exception {
    FakeOAuthServer.Tokens old = writeAccount("fox", Instant.now().plus(Duration.ofDays(3)));
    upstream.failFor(
        old.accessToken(),
        429,
        Map.of("Retry-After", "3600"),
        "{\"error\":{\"message\":\"quota\",\"type\":\"rate_limit\"}}");
    assertThat(chat("one").statusCode()).isEqualTo(429);

    Files.writeString(
        proxy.authDir().resolve("fox.json"),
        Files.readString(proxy.authDir().resolve("fox.json"))
            .replaceFirst(
                "\"expired\":\"[^\"]+\"",
                "\"expired\":\"" + Instant.now().plus(Duration.ofMinutes(1)) + "\""));

    assertThat(eventually(WAIT, () -> oauth.refreshCalls() == 1)).isTrue();
    assertThat(chat("two").statusCode()).as("still resting for this model").isEqualTo(429);
  }
}
