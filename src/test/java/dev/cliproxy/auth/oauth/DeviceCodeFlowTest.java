package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOAuthServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device-code login (RFC 8628) end to end over real HTTP against {@link FakeOAuthServer}: the
 * device authorization request, then {@link DeviceCodePoller} polling the token endpoint through
 * {@link DeviceCodePoller.TokenEndpoint#form}. Time is fake, so slow_down and expiry take no real
 * seconds.
 */
class DeviceCodeFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PENDING = "authorization_pending";
  private static final String SLOW_DOWN = "slow_down";

  /** A clock that moves only when the poller sleeps. */
  private static final class FakeTime implements InstantSource, DeviceCodePoller.Sleeper {
    private Instant now = Instant.parse("2026-03-01T09:00:00Z");
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
      sleeps.add(duration);
      now = now.plus(duration);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeTime time = new FakeTime();
  private FakeOAuthServer fake;

  @BeforeEach
  void start() throws Exception {
    fake = FakeOAuthServer.start("device-client");
  }

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  /** Step 1 (RFC 8628 §3.1): the device authorization request. */
  private JsonNode authorizeDevice(Map<String, String> extra) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", fake.clientId());
    form.put("scope", "openid offline_access");
    form.putAll(extra);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(fake.deviceCodeUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FakeOAuthServer.formEncode(form)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("user_code").asText()).isNotBlank();
    assertThat(body.path("verification_uri").asText()).isEqualTo(fake.verificationUri().toString());
    return body;
  }

  /** Step 2 (§3.4–3.5): poll the token endpoint with the device code, at the interval given. */
  private JsonNode poll(JsonNode authorization, Map<String, String> extra) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", FakeOAuthServer.DEVICE_GRANT);
    form.put("device_code", authorization.path("device_code").asText());
    form.put("client_id", fake.clientId());
    form.putAll(extra);
    DeviceCodePoller poller =
        new DeviceCodePoller(
            DeviceCodePoller.TokenEndpoint.form(
                http, fake.tokenUri(), form, Duration.ofSeconds(10)),
            JSON,
            time,
            time);
    return poller.poll(
        Duration.ofSeconds(authorization.path("interval").asLong()),
        Duration.ofSeconds(authorization.path("expires_in").asLong()));
  }

  @Test
  void pendingAndSlowDownThenApprovalYieldTokens() throws Exception {
    fake.deviceTiming(7, 900);
    fake.deviceAnswers(true, PENDING, SLOW_DOWN, PENDING, SLOW_DOWN);
    Pkce pkce = Pkce.generate();
    JsonNode authorization =
        authorizeDevice(
            Map.of("code_challenge", pkce.challenge(), "code_challenge_method", Pkce.METHOD));

    JsonNode tokens = poll(authorization, Map.of("code_verifier", pkce.verifier()));

    assertThat(tokens.path("access_token").asText()).isEqualTo(fake.currentAccessToken());
    assertThat(tokens.path("refresh_token").asText()).isEqualTo(fake.currentRefreshToken());
    // The interval from the device authorization, grown by 5 s on each slow_down.
    assertThat(time.sleeps)
        .containsExactly(
            Duration.ofSeconds(7),
            Duration.ofSeconds(7),
            Duration.ofSeconds(12),
            Duration.ofSeconds(12),
            Duration.ofSeconds(17));
    assertThat(fake.devicePolls()).isEqualTo(5);
    FakeOAuthServer.TokenRequest lastPoll =
        fake.tokenRequests(FakeOAuthServer.DEVICE_GRANT).getLast();
    assertThat(lastPoll.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(lastPoll.get("device_code")).isEqualTo(authorization.path("device_code").asText());
    assertThat(lastPoll.get("client_id")).isEqualTo("device-client");
  }

  @Test
  void theServerSayingExpiredTokenEndsThePoll() throws Exception {
    fake.deviceTiming(5, 900);
    fake.deviceAnswers(false, PENDING, PENDING);
    JsonNode authorization = authorizeDevice(Map.of());

    assertThatThrownBy(() -> poll(authorization, Map.of()))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("expired_token"))
        .hasMessageContaining("start the login again");
    assertThat(fake.devicePolls()).isEqualTo(3);
    assertThat(fake.currentAccessToken()).isNull();
  }

  @Test
  void thePollerStopsAtTheDeadlineWithoutAnotherRequest() throws Exception {
    fake.deviceTiming(5, 30);
    fake.deviceAnswers(true, Collections.nCopies(50, PENDING).toArray(String[]::new));
    JsonNode authorization = authorizeDevice(Map.of());
    Instant started = time.instant();

    assertThatThrownBy(() -> poll(authorization, Map.of()))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("expired_token"))
        .hasMessageContaining("30 s");
    // Polls at 5, 10, …, 30 s after the code was issued; none after its lifetime.
    assertThat(fake.devicePolls()).isEqualTo(6);
    assertThat(Duration.between(started, time.instant())).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusalOnTheVerificationPageEndsThePoll() throws Exception {
    fake.deviceAnswers(false, PENDING, "access_denied");
    JsonNode authorization = authorizeDevice(Map.of());

    assertThatThrownBy(() -> poll(authorization, Map.of()))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("access_denied"))
        .hasMessageContaining("denied");
    assertThat(fake.devicePolls()).isEqualTo(2);
  }

  @Test
  void aPollWithTheWrongVerifierIsRefusedAsInvalidGrant() throws Exception {
    Pkce pkce = Pkce.generate();
    JsonNode authorization =
        authorizeDevice(
            Map.of("code_challenge", pkce.challenge(), "code_challenge_method", Pkce.METHOD));

    assertThatThrownBy(
            () -> poll(authorization, Map.of("code_verifier", Pkce.generate().verifier())))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"))
        .hasMessageContaining("400");
    assertThat(fake.currentAccessToken()).isNull();
  }
}
