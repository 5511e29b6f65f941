package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quota at a glance: the usage windows the Codex backend reports on its answers are kept per
 * account and shown in {@code /auth-files}, refreshed by each answer.
 */
class ManagementQuotaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "quota-key";

  @TempDir Path dir;
  private FakeCodexBackend backend;
  private FakeOpenAiAuth auth;
  private RunningProxy proxy;

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    backend.close();
    auth.close();
  }

  private JsonNode quota() throws Exception {
    HttpResponse<String> list =
        proxy.send(proxy.get("/v0/management/auth-files").header("X-Management-Key", KEY));
    return JSON.readTree(list.body()).path("files").get(0).path("quota");
  }

  private int chat() throws Exception {
    return proxy
        .send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-5-codex\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer proxy-key"))
        .statusCode();
  }

  @Test
  void theCodexWindowsOfTheLastAnswerAreShownPerAccount() throws Exception {
    backend = FakeCodexBackend.start();
    backend.acceptAccessToken("at-e2e", "acct-e2e");
    auth = FakeOpenAiAuth.start();
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        authDir.resolve("codex-e2e@example.com.json"),
        CodexEndToEndTest.accountFile("at-e2e", "rt-e2e", Instant.now().plus(Duration.ofDays(30))));
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  codex:\n    api: "
                + backend.baseUrl()
                + "\n    auth: "
                + auth.baseUrl()
                + "\nremote-management:\n  secret-key: \""
                + BcryptHash.of(KEY)
                + "\"\n");
    assertThat(quota().isMissingNode()).as("nothing said yet").isTrue();

    backend.answerHeaders(
        Map.of(
            "x-codex-primary-used-percent", "12",
            "x-codex-primary-window-minutes", "300",
            "x-codex-primary-reset-at", "1796356800",
            "x-codex-secondary-used-percent", "40",
            "x-codex-secondary-window-minutes", "10080",
            "x-codex-plan-type", "pro"));
    assertThat(chat()).isEqualTo(200);

    JsonNode quota = quota();
    assertThat(quota.path("plan").asText()).isEqualTo("pro");
    assertThat(quota.path("windows").get(0).path("name").asText()).isEqualTo("primary");
    assertThat(quota.path("windows").get(0).path("used_percent").asDouble()).isEqualTo(12.0);
    assertThat(quota.path("windows").get(0).path("window_seconds").asLong()).isEqualTo(18_000);
    assertThat(quota.path("windows").get(0).path("resets_at").asText())
        .isEqualTo(Instant.ofEpochSecond(1796356800L).toString());
    assertThat(quota.path("windows").get(1).path("used_percent").asDouble()).isEqualTo(40.0);

    backend.answerHeaders(Map.of("x-codex-primary-used-percent", "13"));
    assertThat(chat()).isEqualTo(200);
    assertThat(quota().path("windows").get(0).path("used_percent").asDouble()).isEqualTo(13.0);
  }
}
