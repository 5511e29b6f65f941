package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cliproxy.testing.OwnAddress;
import dev.cliproxy.testing.RunningProxy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may scrape {@code /metrics}, decided by the socket address and {@code metrics.key}: this
 * machine always, another machine only with the key, nobody when metrics are off; a spoofed {@code
 * X-Forwarded-For} changes nothing.
 */
class MetricsAccessTest {
  @TempDir Path dir;
  private RunningProxy proxy;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Starts the proxy on every interface and returns a request to it from a non-loopback peer. */
  private HttpRequest.Builder fromAfar(String metricsSection) throws Exception {
    Optional<InetAddress> own = OwnAddress.nonLoopback();
    assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
    proxy = RunningProxy.start(dir, "host: 0.0.0.0\napi-keys: [client-1]\n" + metricsSection);
    return HttpRequest.newBuilder(
            URI.create("http://" + own.get().getHostAddress() + ":" + proxy.port() + "/metrics"))
        .timeout(Duration.ofSeconds(10))
        .header("X-Forwarded-For", "127.0.0.1")
        .header("X-Real-IP", "127.0.0.1");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thisMachineScrapesWithoutAKeyAndAnotherIsRefusedWithWhatToSet() throws Exception {
    HttpRequest.Builder remote = fromAfar("");

    HttpResponse<String> refused = send(remote);
    HttpResponse<String> local = proxy.send(proxy.get("/metrics"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(refused.body()).contains("metrics_localhost_only").contains("metrics.key");
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(local.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  @Test
  void anotherMachineScrapesWithTheKeyAndNotWithoutIt() throws Exception {
    HttpRequest.Builder remote = fromAfar("metrics:\n  key: scrape-secret-1\n");

    HttpResponse<String> without = send(remote.copy());
    HttpResponse<String> wrong = send(remote.copy().header("Authorization", "Bearer scrape-x"));
    HttpResponse<String> clientKey = send(remote.copy().header("Authorization", "Bearer client-1"));
    HttpResponse<String> right =
        send(remote.copy().header("Authorization", "Bearer scrape-secret-1"));

    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.body()).contains("missing_metrics_key").contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("invalid_metrics_key").doesNotContain("scrape-secret-1");
    assertThat(clientKey.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).contains("cliproxy_requests_in_flight");
    assertThat(proxy.send(proxy.get("/metrics")).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsOffIsA404ForEveryoneThatNamesTheSetting() throws Exception {
    proxy = RunningProxy.start(dir, "metrics:\n  enabled: false\n");

    HttpResponse<String> answer = proxy.send(proxy.get("/metrics"));

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("metrics.enabled");
  }

  @Test
  void aReloadedConfigAppliesToTheNextScrape() throws Exception {
    proxy = RunningProxy.start(dir, "");
    assertThat(proxy.send(proxy.get("/metrics")).statusCode()).isEqualTo(200);

    proxy.rewriteConfig("metrics:\n  enabled: false\n");

    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return proxy.send(proxy.get("/metrics")).statusCode() == 404;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
  }
}
