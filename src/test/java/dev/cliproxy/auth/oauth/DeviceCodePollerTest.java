package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeviceCodePollerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PENDING = "{\"error\":\"authorization_pending\"}";
  private static final String SLOW_DOWN = "{\"error\":\"slow_down\"}";
  private static final String TOKEN =
      "{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":3600}";

  /** A clock that moves only when the poller sleeps. */
  private static final class FakeTime implements InstantSource, DeviceCodePoller.Sleeper {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
      now = now.plus(duration);
    }
  }

  private static DeviceCodePoller.TokenEndpoint scripted(
      Deque<DeviceCodePoller.TokenEndpoint.Response> answers) {
    return () -> {
      DeviceCodePoller.TokenEndpoint.Response next = answers.poll();
      return next != null ? next : new DeviceCodePoller.TokenEndpoint.Response(400, PENDING);
    };
  }

  private static DeviceCodePoller.TokenEndpoint.Response answer(int status, String body) {
    return new DeviceCodePoller.TokenEndpoint.Response(status, body);
  }

  @Test
  void pendingThenSlowDownThenSuccessAgainstALoopbackTokenEndpoint() throws Exception {
    Deque<String> bodies = new ArrayDeque<>(List.of(PENDING, SLOW_DOWN, PENDING, TOKEN));
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/oauth/token",
        exchange -> {
          try (exchange) {
            received.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = bodies.poll();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.equals(TOKEN) ? 200 : 400, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    fake.start();
    FakeTime time = new FakeTime();
    try (HttpClient http = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + "/oauth/token");
      DeviceCodePoller.TokenEndpoint endpoint =
          DeviceCodePoller.TokenEndpoint.form(
              http,
              uri,
              Map.of(
                  "grant_type",
                  "urn:ietf:params:oauth:grant-type:device_code",
                  "device_code",
                  "dc 1"),
              Duration.ofSeconds(5));

      JsonNode token =
          new DeviceCodePoller(endpoint, JSON, time, time)
              .poll(Duration.ofSeconds(5), Duration.ofMinutes(15));

      assertThat(token.path("access_token").asText()).isEqualTo("at-1");
      assertThat(time.sleeps)
          .containsExactly(
              Duration.ofSeconds(5),
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              Duration.ofSeconds(10));
      assertThat(received).hasSize(4);
      assertThat(received.get(0))
          .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
          .contains("device_code=dc+1");
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void stopsWithAClearErrorWhenTheCodeExpires() {
    FakeTime time = new FakeTime();
    DeviceCodePoller poller = new DeviceCodePoller(scripted(new ArrayDeque<>()), JSON, time, time);

    assertThatThrownBy(() -> poller.poll(Duration.ofSeconds(5), Duration.ofSeconds(60)))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("expired_token"))
        .hasMessageContaining("expired")
        .hasMessageContaining("60 s");
    assertThat(time.sleeps).hasSize(12);
    assertThat(time.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
  }

  @Test
  void serverSideExpiryEndsThePoll() {
    FakeTime time = new FakeTime();
    DeviceCodePoller poller =
        new DeviceCodePoller(
            scripted(
                new ArrayDeque<>(
                    List.of(answer(400, PENDING), answer(400, "{\"error\":\"expired_token\"}")))),
            JSON,
            time,
            time);

    assertThatThrownBy(() -> poller.poll(Duration.ofSeconds(5), Duration.ofMinutes(15)))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("expired_token"));
  }

  @Test
  void denialEndsThePoll() {
    FakeTime time = new FakeTime();
    DeviceCodePoller poller =
        new DeviceCodePoller(
            scripted(
                new ArrayDeque<>(
                    List.of(answer(400, PENDING), answer(400, "{\"error\":\"access_denied\"}")))),
            JSON,
            time,
            time);

    assertThatThrownBy(() -> poller.poll(Duration.ofSeconds(5), Duration.ofMinutes(15)))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("access_denied"))
        .hasMessageContaining("denied");
    assertThat(time.sleeps).hasSize(2);
  }

  @Test
  void otherErrorsAndNonJsonAnswersFailWithStatusAndErrorButNoTokenEcho() {
    FakeTime time = new FakeTime();
    DeviceCodePoller invalidGrant =
        new DeviceCodePoller(
            scripted(
                new ArrayDeque<>(
                    List.of(
                        answer(
                            400,
                            "{\"error\":\"invalid_grant\",\"error_description\":\"bad code\"}")))),
            JSON,
            time,
            time);
    assertThatThrownBy(() -> invalidGrant.poll(Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(
            DeviceCodeException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"))
        .hasMessageContaining("400 invalid_grant: bad code");

    DeviceCodePoller formToken =
        new DeviceCodePoller(
            scripted(
                new ArrayDeque<>(List.of(answer(200, "access_token=secret-at&token_type=bearer")))),
            JSON,
            time,
            time);
    assertThatThrownBy(() -> formToken.poll(Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .isInstanceOf(DeviceCodeException.class)
        .hasMessageContaining("200")
        .hasMessageNotContaining("secret-at");

    DeviceCodePoller notFound =
        new DeviceCodePoller(
            scripted(new ArrayDeque<>(List.of(answer(404, "Not Found")))), JSON, time, time);
    assertThatThrownBy(() -> notFound.poll(Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .hasMessageContaining("404")
        .hasMessageContaining("Not Found");
  }

  @Test
  void aBusyOrBrieflyBrokenServerIsPolledOnMoreSlowly() throws Exception {
    FakeTime time = new FakeTime();
    DeviceCodePoller poller =
        new DeviceCodePoller(
            scripted(
                new ArrayDeque<>(
                    List.of(
                        answer(502, "Bad Gateway"),
                        answer(429, "{\"error\":\"rate_limited\"}"),
                        answer(200, TOKEN)))),
            JSON,
            time,
            time);

    assertThat(
            poller.poll(Duration.ofSeconds(5), Duration.ofMinutes(5)).path("access_token").asText())
        .isEqualTo("at-1");
    assertThat(time.sleeps)
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
  }

  @Test
  void missingIntervalDefaultsToFiveSeconds() throws Exception {
    FakeTime time = new FakeTime();
    DeviceCodePoller poller =
        new DeviceCodePoller(
            scripted(new ArrayDeque<>(List.of(answer(200, TOKEN)))), JSON, time, time);

    assertThat(poller.poll(null, Duration.ofMinutes(1)).path("refresh_token").asText())
        .isEqualTo("rt-1");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
  }
}
