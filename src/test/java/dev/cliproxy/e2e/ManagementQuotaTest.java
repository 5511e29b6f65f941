package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeCodeAssist;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeGoogleOAuth;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quota at a glance: the usage windows the Codex backend reports on its answers are kept per
 * account and shown in {@code /auth-files}, refreshed by each answer; Google accounts, whose
 * answers say nothing of it, are asked with Code Assist's {@code retrieveUserQuota} when someone
 * looks.
 */
class ManagementQuotaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "quota-key";

  @TempDir Path dir;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private RunningProxy proxy;

  @AfterEach
  void stop() throws Exception {
    while (!running.isEmpty()) {
      running.pop().close();
    }
  }

  private <T extends AutoCloseable> T started(T thing) {
    running.push(thing);
    return thing;
  }

  private JsonNode quota() throws Exception {
    return files().get(0).path("quota");
  }

  private JsonNode files() throws Exception {
    HttpResponse<String> list =
        proxy.send(proxy.get("/v0/management/auth-files").header("X-Management-Key", KEY));
    assertThat(list.statusCode()).isEqualTo(200);
    return JSON.readTree(list.body()).path("files");
  }

  private String managementKey() {
    return "\nremote-management:\n  secret-key: \"" + BcryptHash.of(KEY) + "\"\n";
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
    FakeCodexBackend backend = started(FakeCodexBackend.start());
    backend.acceptAccessToken("at-e2e", "acct-e2e");
    FakeOpenAiAuth auth = started(FakeOpenAiAuth.start());
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        authDir.resolve("codex-e2e@example.com.json"),
        CodexEndToEndTest.accountFile("at-e2e", "rt-e2e", Instant.now().plus(Duration.ofDays(30))));
    proxy =
        started(
            RunningProxy.start(
                dir,
                "api-keys: [proxy-key]\nendpoints:\n  codex:\n    api: "
                    + backend.baseUrl()
                    + "\n    auth: "
                    + auth.baseUrl()
                    + managementKey()));
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

  @Test
  void aGoogleAccountIsAskedForItsQuotaPerProjectWhenTheListIsLookedAt() throws Exception {
    FakeGoogleOAuth google = started(FakeGoogleOAuth.start("me@example.com"));
    FakeCodeAssist codeAssist =
        started(
            FakeCodeAssist.start()
                .acceptTokensStartingWith("ya29.quota")
                .withProjects("proj-a", "proj-b")
                .quota("proj-a", "gemini-2.5-pro", 0.75, "2026-12-05T00:00:00Z")
                .quota("proj-a", "gemini-2.5-flash", 1.0, "2026-12-05T00:00:00Z")
                .quota("proj-b", "gemini-2.5-pro", 0.0, "2026-12-04T18:30:00Z"));
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        authDir.resolve("gemini-me@example.com-all.json"),
        "{\"token\":{\"access_token\":\"ya29.quota-token\",\"client_id\":\""
            + FakeGoogleOAuth.CLIENT_ID
            + "\",\"client_secret\":\""
            + FakeGoogleOAuth.CLIENT_SECRET
            + "\",\"expiry\":\"2099-01-01T00:00:00Z\",\"refresh_token\":\"1//unused\","
            + "\"token_type\":\"Bearer\"},\"project_id\":\"proj-a,proj-b\","
            + "\"email\":\"me@example.com\",\"type\":\"gemini\"}\n");
    proxy =
        started(
            RunningProxy.start(
                dir,
                "endpoints:\n  gemini-cli:\n    api: "
                    + codeAssist.baseUrl()
                    + "\n    token: "
                    + google.tokenUrl()
                    + managementKey()));

    JsonNode windows = quota().path("windows");
    assertThat(windows).hasSize(3);
    assertThat(windows.get(0).path("name").asText()).isEqualTo("proj-a: gemini-2.5-pro");
    assertThat(windows.get(0).path("used_percent").asDouble()).isEqualTo(25.0);
    assertThat(windows.get(0).path("resets_at").asText()).isEqualTo("2026-12-05T00:00:00Z");
    assertThat(windows.get(1).path("name").asText()).isEqualTo("proj-a: gemini-2.5-flash");
    assertThat(windows.get(1).path("used_percent").asDouble()).isEqualTo(0.0);
    assertThat(windows.get(2).path("name").asText()).isEqualTo("proj-b: gemini-2.5-pro");
    assertThat(windows.get(2).path("used_percent").asDouble()).isEqualTo(100.0);

    List<FakeCodeAssist.Received> asked = codeAssist.quotaCalls();
    assertThat(asked).hasSize(2);
    assertThat(asked)
        .extracting(call -> call.body().path("project").asText())
        .containsExactlyInAnyOrder("proj-a", "proj-b");
    for (FakeCodeAssist.Received call : asked) {
      assertThat(call.header("authorization")).isEqualTo("Bearer ya29.quota-token");
    }

    assertThat(files().get(0).path("quota").path("windows")).hasSize(3);
    assertThat(codeAssist.quotaCalls())
        .as("a second look within five minutes asks nothing more")
        .hasSize(2);
  }
}
