package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.PrometheusText;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after real traffic: a whole answer, a stream, a Claude request and a request for
 * an unknown model through the proxy to a fake upstream whose first key answers 429, read back with
 * a strict text-format parser and compared with what happened.
 */
class MetricsEndToEndTest {
  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("metrics");
    upstream.failFor(
        "key-a", 429, Map.of("Retry-After", "120"), "{\"error\":{\"message\":\"slow down\"}}");
    proxy =
        RunningProxy.start(
            dir,
            """
            openai-compatibility:
              - name: Up
                base-url: %s
                api-key-entries:
                  - api-key: key-a
                  - api-key: key-b
                models:
                  - name: up-model
                    alias: m
            """
                .formatted(upstream.baseUrl()));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private HttpResponse<String> chat(boolean stream) throws Exception {
    return proxy.send(
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\"m\",\"stream\":"
                + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  private PrometheusText.Scrape scrape() throws Exception {
    HttpResponse<String> answer = proxy.send(proxy.get("/metrics"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    return PrometheusText.parse(answer.body());
  }

  /** Scrapes until the gateway has told the metrics about {@code requests} finished requests. */
  private PrometheusText.Scrape scrapeAfter(int requests) throws Exception {
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return scrape().sum("cliproxy_requests_total") == requests;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
    return scrape();
  }

  @Test
  void requestsTokensErrorsAndCredentialStatesAreCountedAsTheyHappened() throws Exception {
    assertThat(chat(false).statusCode()).isEqualTo(200);
    HttpResponse<String> streamed = chat(true);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("data: [DONE]");
    assertThat(chat(false).statusCode()).isEqualTo(200);
    assertThat(
            proxy
                .send(
                    proxy.post(
                        "/v1/messages",
                        "{\"model\":\"m\",\"max_tokens\":10,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .statusCode())
        .isEqualTo(200);
    int unknownStatus =
        proxy
            .send(
                proxy.post(
                    "/v1/chat/completions",
                    "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
            .statusCode();
    assertThat(unknownStatus).isBetween(400, 499);

    PrometheusText.Scrape metrics = scrapeAfter(5);

    CredentialStatus rested =
        proxy.app().gateway().pool().status().stream()
            .filter(s -> s.state() == CredentialStatus.State.RESTING)
            .findFirst()
            .orElseThrow();
    String provider = rested.provider();
    assertThat(metrics.family("cliproxy_requests_total").type()).isEqualTo("counter");
    assertThat(
            metrics.sum(
                "cliproxy_requests_total",
                "dialect",
                "openai_chat",
                "model",
                "m",
                "provider",
                provider,
                "status",
                "200"))
        .isEqualTo(3);
    assertThat(
            metrics.sum(
                "cliproxy_requests_total",
                "dialect",
                "claude",
                "model",
                "m",
                "provider",
                provider,
                "status",
                "200"))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "cliproxy_requests_total",
                "model",
                "other",
                "provider",
                "none",
                "status",
                Integer.toString(unknownStatus)))
        .isEqualTo(1);
    assertThat(metrics.family("cliproxy_requests_total").samples())
        .allSatisfy(s -> assertThat(s.labels().get("model")).isIn("m", "other"));

    // The fake reports 11 prompt and 7 completion tokens per answer; four answers came back.
    assertThat(metrics.sum("cliproxy_tokens_total", "model", "up-model", "kind", "input"))
        .isEqualTo(44);
    assertThat(metrics.sum("cliproxy_tokens_total", "model", "up-model", "kind", "output"))
        .isEqualTo(28);
    assertThat(metrics.sum("cliproxy_tokens_total", "kind", "cached")).isZero();

    // key-a answered 429 once, and now rests; key-b is ready.
    assertThat(metrics.sum("cliproxy_upstream_errors_total", "provider", provider, "status", "429"))
        .isEqualTo(1);
    assertThat(metrics.sum("cliproxy_upstream_errors_total")).isEqualTo(1);
    assertThat(metrics.sum("cliproxy_credential_rests_total", "provider", provider)).isEqualTo(1);
    assertThat(metrics.family("cliproxy_credentials").type()).isEqualTo("gauge");
    assertThat(metrics.sum("cliproxy_credentials", "provider", provider, "state", "resting"))
        .isEqualTo(1);
    assertThat(metrics.sum("cliproxy_credentials", "provider", provider, "state", "ready"))
        .isEqualTo(1);
    assertThat(metrics.sum("cliproxy_credentials", "state", "disabled")).isZero();
    assertThat(metrics.sum("cliproxy_credentials", "state", "needs_login")).isZero();
    assertThat(metrics.family("cliproxy_credentials").samples())
        .as("every state of the one provider, zeros included")
        .hasSize(4);

    // Histograms: one latency and one proxy-time observation per request, one first byte per try.
    assertThat(metrics.family("cliproxy_request_duration_seconds").type()).isEqualTo("histogram");
    assertThat(metrics.sum("cliproxy_request_duration_seconds_count")).isEqualTo(5);
    assertThat(
            metrics.sum(
                "cliproxy_request_duration_seconds_bucket",
                "dialect",
                "openai_chat",
                "provider",
                provider,
                "le",
                "+Inf"))
        .isEqualTo(3);
    assertThat(metrics.family("cliproxy_proxy_time_seconds").type()).isEqualTo("histogram");
    assertThat(metrics.sum("cliproxy_proxy_time_seconds_count")).isEqualTo(5);
    assertThat(metrics.family("cliproxy_proxy_time_seconds").help())
        .contains("minus the time its upstream tries waited on their upstreams");
    assertThat(metrics.family("cliproxy_upstream_first_byte_seconds").type())
        .isEqualTo("histogram");
    assertThat(metrics.sum("cliproxy_upstream_first_byte_seconds_count", "provider", provider))
        .isEqualTo(upstream.received().size());
    assertThat(metrics.family("cliproxy_upstream_first_byte_seconds").help()).contains("head");

    assertThat(metrics.sum("cliproxy_requests_in_flight")).isZero();
    assertThat(metrics.sum("cliproxy_streams_in_flight")).isZero();
    assertThat(metrics.family("jvm_memory_used_bytes").samples()).isNotEmpty();
    assertThat(metrics.family("jvm_threads_live_threads").samples()).isNotEmpty();
  }

  @Test
  void aScraperThatAcceptsOpenMetricsGetsOpenMetrics() throws Exception {
    HttpResponse<String> answer =
        proxy.send(
            proxy
                .get("/metrics")
                .header(
                    "Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(answer.body()).contains("# TYPE cliproxy_credentials gauge").endsWith("# EOF\n");
  }

  @Test
  void aStreamInFlightIsCountedWhileItLasts() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var pending =
        http.sendAsync(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"m\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"slow-stream\"}]}")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try {
      assertThat(
              RunningProxy.eventually(
                  Duration.ofSeconds(10),
                  () -> {
                    try {
                      PrometheusText.Scrape now = scrape();
                      return now.sum("cliproxy_streams_in_flight") == 1
                          && now.sum("cliproxy_requests_in_flight") == 1;
                    } catch (Exception e) {
                      return false;
                    }
                  }))
          .isTrue();
    } finally {
      pending.get().body().close();
    }
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return scrape().sum("cliproxy_streams_in_flight") == 0;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
    assertThat(scrapeAfter(1).sum("cliproxy_requests_total", "status", "hung_up")).isEqualTo(1);
  }
}
