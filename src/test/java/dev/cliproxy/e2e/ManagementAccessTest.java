package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.management.BcryptHash;
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
 * Who gets into {@code /v0/management}: hidden while no key is set, the key from either header,
 * bans after five failures, and "this machine" decided by the socket address.
 */
class ManagementAccessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "mgmt-secret-1";

  @TempDir Path dir;
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private RunningProxy start(String yaml) throws Exception {
    proxy = RunningProxy.start(dir, yaml);
    return proxy;
  }

  private static String hashed(String key) {
    return "remote-management:\n  secret-key: \"" + BcryptHash.of(key) + "\"\n";
  }

  private HttpResponse<String> latestVersion(String header, String value) throws Exception {
    HttpRequest.Builder request = proxy.get("/v0/management/latest-version");
    if (header != null) {
      request.header(header, value);
    }
    return proxy.send(request);
  }

  @Test
  void withoutAKeyTheApiIsHiddenBehindAnEmpty404() throws Exception {
    start("api-keys: [client-1]\n");

    HttpResponse<String> answer = latestVersion("Authorization", "Bearer anything");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).isEmpty();
    assertThat(answer.headers().firstValue("X-CPA-VERSION")).isEmpty();
  }

  @Test
  void theKeyIsTakenFromBearerOrXManagementKeyAndChecksTheHash() throws Exception {
    start(hashed(KEY));

    HttpResponse<String> bearer = latestVersion("Authorization", "Bearer " + KEY);
    HttpResponse<String> lowerCaseScheme = latestVersion("Authorization", "bearer " + KEY);
    HttpResponse<String> header = latestVersion("X-Management-Key", KEY);
    HttpResponse<String> wrong = latestVersion("Authorization", "Bearer not-" + KEY);
    HttpResponse<String> missing = latestVersion(null, null);

    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(bearer.body()).path("latest-version").asText()).isNotBlank();
    assertThat(bearer.headers().firstValue("X-CPA-VERSION")).isPresent();
    assertThat(bearer.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(lowerCaseScheme.statusCode()).isEqualTo(200);
    assertThat(header.statusCode()).isEqualTo(200);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).path("error").asText())
        .isEqualTo("invalid management key");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(missing.body()).path("error").asText())
        .isEqualTo("missing management key");
  }

  @Test
  void aPlaintextKeyInTheFileLetsItsOwnerIn() throws Exception {
    start("remote-management:\n  secret-key: " + KEY + "\n");

    assertThat(latestVersion("Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
    assertThat(latestVersion("Authorization", "Bearer other").statusCode()).isEqualTo(401);
  }

  @Test
  void theEnvironmentPasswordOpensTheApiWithoutAConfigKey() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [client-1]\n",
            ProxyWiring.standard().withManagementPassword(Optional.of("env-pass")));

    assertThat(latestVersion("Authorization", "Bearer env-pass").statusCode()).isEqualTo(200);
    assertThat(latestVersion("Authorization", "Bearer " + KEY).statusCode()).isEqualTo(401);
  }

  @Test
  void fiveWrongKeysBanTheAddressForThirtyMinutesEvenWithTheRightKey() throws Exception {
    start(hashed(KEY));

    for (int i = 0; i < 5; i++) {
      assertThat(latestVersion("Authorization", "Bearer guess-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> banned = latestVersion("Authorization", "Bearer " + KEY);

    assertThat(banned.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(banned.body()).path("error").asText())
        .startsWith("IP banned due to too many failed attempts. Try again in ")
        .matches(".*(29m[0-9]+s|30m0s)$");
  }

  @Test
  void fourWrongKeysThenTheRightOneResetTheCount() throws Exception {
    start(hashed(KEY));

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(latestVersion("Authorization", "Bearer guess").statusCode()).isEqualTo(401);
      }
      assertThat(latestVersion("Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void unknownEndpointsAndWrongMethodsAnswerJson() throws Exception {
    start(hashed(KEY));

    HttpResponse<String> unknown =
        proxy.send(proxy.get("/v0/management/no-such-thing").header("X-Management-Key", KEY));
    HttpResponse<String> wrongMethod =
        proxy.send(
            proxy.post("/v0/management/latest-version", "{}").header("X-Management-Key", KEY));

    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(unknown.body());
    assertThat(body.path("error").asText()).isEqualTo("not found");
    assertThat(body.path("message").asText()).contains("/v0/management/no-such-thing");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(wrongMethod.body()).path("message").asText()).contains("GET");
  }

  @Test
  void aPeerFromElsewhereIsRefusedWhateverItsForwardedHeadersClaim() throws Exception {
    Optional<InetAddress> own = OwnAddress.nonLoopback();
    assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
    start("host: 0.0.0.0\napi-keys: [client-1]\n" + hashed(KEY));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest fromAfar =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + own.get().getHostAddress()
                        + ":"
                        + proxy.port()
                        + "/v0/management/latest-version"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + KEY)
            .header("X-Forwarded-For", "127.0.0.1")
            .header("X-Real-IP", "127.0.0.1")
            .header("Forwarded", "for=127.0.0.1")
            .build();

    HttpResponse<String> refused = http.send(fromAfar, HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(403);
    JsonNode body = JSON.readTree(refused.body());
    assertThat(body.path("error").asText()).isEqualTo("remote management disabled");
    assertThat(body.path("message").asText()).contains("remote-management.allow-remote");

    proxy.rewriteConfig(
        "host: 0.0.0.0\napi-keys: [client-1]\n"
            + "remote-management:\n  allow-remote: true\n  secret-key: \""
            + BcryptHash.of(KEY)
            + "\"\n");
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return http.send(fromAfar, HttpResponse.BodyHandlers.ofString()).statusCode()
                        == 200;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
  }
}
