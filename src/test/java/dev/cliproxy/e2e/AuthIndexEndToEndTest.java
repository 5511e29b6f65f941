package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.auth.AuthIndex;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.ManagementClient;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code auth_index} dashboards key everything on: an auth file's and a config key's, the same
 * after a reload and after a restart, with the tries each credential served counted under it in
 * {@code /auth-files} and in the key lists, as the reference shows them.
 */
class AuthIndexEndToEndTest {
  private static final String KEY = "mgmt-index";
  private static final String FILE = "codex-idx@example.com.json";

  @TempDir Path dir;
  private FakeCodexBackend backend;
  private FakeOpenAiAuth auth;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void upstreams() throws Exception {
    backend = FakeCodexBackend.start();
    backend.acceptAccessToken("at-idx", CodexEndToEndTest.ACCOUNT);
    auth = FakeOpenAiAuth.start();
    upstream = FakeOpenAiUpstream.start("up");
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        authDir.resolve(FILE),
        CodexEndToEndTest.accountFile("at-idx", "rt-idx", Instant.now().plus(Duration.ofDays(30))));
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
    auth.close();
    backend.close();
  }

  private String config(String comment) {
    return """
    # %s
    api-keys: [client-1]
    remote-management:
      secret-key: %s
    endpoints:
      codex:
        api: %s
        auth: %s
    openai-compatibility:
      - name: Up
        base-url: %s/
        api-key-entries:
          - api-key: up-key-1
        models:
          - name: up-model
    """
        .formatted(comment, KEY, backend.baseUrl(), auth.baseUrl(), upstream.baseUrl());
  }

  private int chat(String model) throws Exception {
    return proxy
        .send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\""
                        + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer client-1"))
        .statusCode();
  }

  private JsonNode fileEntry() throws Exception {
    return new ManagementClient(proxy, KEY).get("/auth-files").json().path("files").get(0);
  }

  private JsonNode keyEntry() throws Exception {
    return new ManagementClient(proxy, KEY)
        .get("/openai-compatibility")
        .json()
        .path("openai-compatibility")
        .get(0)
        .path("api-key-entries")
        .get(0);
  }

  @Test
  void aFileAndAKeyKeepTheirIndexAcrossReloadAndRestartAndCountTheirTries() throws Exception {
    proxy = RunningProxy.start(dir, config("first"));
    String fileIndex = AuthIndex.forFile("codex", proxy.authDir().resolve(FILE));
    String keyIndex = AuthIndex.forApiKey("openai-compatibility", upstream.baseUrl(), "up-key-1");
    assertThat(fileEntry().path("auth_index").asText()).isEqualTo(fileIndex);
    assertThat(keyEntry().path("auth_index").asText()).isEqualTo(keyIndex);
    assertThat(fileEntry().path("success").asLong()).isZero();
    assertThat(fileEntry().path("recent_requests")).hasSize(20);

    assertThat(chat("gpt-5-codex")).isEqualTo(200);
    assertThat(chat("gpt-5-codex")).isEqualTo(200);
    assertThat(chat("up-model")).isEqualTo(200);
    upstream.failFor("up-key-1", 500, Map.of(), "{\"error\":{\"message\":\"boom\"}}");
    assertThat(chat("up-model")).isGreaterThanOrEqualTo(500);

    JsonNode file = fileEntry();
    assertThat(file.path("success").asLong()).isEqualTo(2);
    assertThat(file.path("failed").asLong()).isZero();
    JsonNode latest = file.path("recent_requests").get(19);
    assertThat(latest.path("success").asLong()).isEqualTo(2);
    assertThat(latest.path("time").asText()).matches("\\d\\d:\\d0-\\d\\d:\\d0");
    JsonNode key = keyEntry();
    assertThat(key.path("success").asLong()).isEqualTo(1);
    assertThat(key.path("failed").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(file.path("priority").asInt()).isZero();
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return new ManagementClient(proxy, KEY)
                        .get("/usage")
                        .json()
                        .findValuesAsText("auth_index")
                        .containsAll(java.util.List.of(fileIndex, keyIndex));
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .as("usage details carry the same auth_index")
        .isTrue();

    proxy.rewriteConfig(config("reloaded"));
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return Files.readString(dir.resolve("config.yaml")).contains("reloaded")
                        && keyEntry().path("success").asLong() == 1;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
    assertThat(fileEntry().path("auth_index").asText()).isEqualTo(fileIndex);
    assertThat(keyEntry().path("auth_index").asText()).isEqualTo(keyIndex);
    assertThat(fileEntry().path("success").asLong()).as("counts survive a reload").isEqualTo(2);

    proxy.close();
    proxy = RunningProxy.start(dir, config("restarted"));
    assertThat(fileEntry().path("auth_index").asText()).isEqualTo(fileIndex);
    assertThat(keyEntry().path("auth_index").asText()).isEqualTo(keyIndex);
  }

  @Test
  void figuresSentBackWithAKeyListAreNotWrittenIntoTheConfig() throws Exception {
    proxy = RunningProxy.start(dir, config("first"));
    ManagementClient api = new ManagementClient(proxy, KEY);
    JsonNode shown = api.get("/openai-compatibility").json().path("openai-compatibility");

    assertThat(api.put("/openai-compatibility", shown.toString()).status()).isEqualTo(200);

    String file = Files.readString(dir.resolve("config.yaml"));
    assertThat(file)
        .contains("up-key-1")
        .doesNotContain("auth_index", "recent_requests", "success");
  }
}
