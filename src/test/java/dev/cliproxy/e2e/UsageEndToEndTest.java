package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RecordingListener;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage recorded by the real proxy: a translated answer (a Claude client, an OpenAI-compatible
 * upstream) and a passed-through one (an OpenAI client, the same upstream) both with their tokens,
 * answered by {@code /v0/management/usage} under the client key's fingerprint, and still there
 * after the proxy is stopped and started again on the same file.
 */
class UsageEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_KEY = "client-key-1";
  private static final String MANAGEMENT_KEY = "mgmt-secret-1";

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
  }

  private RunningProxy start() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: ["
                + CLIENT_KEY
                + "]\nremote-management:\n  secret-key: \""
                + BcryptHash.of(MANAGEMENT_KEY)
                + "\"\nopenai-compatibility:\n  - name: Up\n    base-url: "
                + upstream.baseUrl()
                + "\n    api-key-entries:\n      - api-key: up-1\n    models:\n"
                + "      - name: up-model\n        alias: gpt-x\n"
                + "      - name: up-model\n        alias: claude-x\n");
    return proxy;
  }

  private JsonNode management(String path) throws Exception {
    HttpResponse<String> answer =
        proxy.send(
            proxy.get("/v0/management" + path).header("Authorization", "Bearer " + MANAGEMENT_KEY));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  @Test
  void translatedAndPassedThroughAnswersAreRecordedAndSurviveARestart() throws Exception {
    start();
    RecordingListener listener = new RecordingListener();
    proxy.app().gateway().listeners().add(listener); // after the recorder, so it hears events later
    HttpResponse<String> claude =
        proxy.send(
            proxy
                .post(
                    "/v1/messages",
                    "{\"model\":\"claude-x\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("x-api-key", CLIENT_KEY)
                .header("anthropic-version", "2023-06-01"));
    HttpResponse<String> openAi =
        proxy.send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-x\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer " + CLIENT_KEY));
    assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
    assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> listener.of(GatewayEvent.Delivered.class).size() == 2))
        .isTrue();

    JsonNode first = management("/usage");
    assertRecorded(first);

    proxy.close();
    proxy = null;
    assertThat(dir.resolve("auth/usage.sqlite")).exists();
    start();

    JsonNode again = management("/usage");
    assertRecorded(again);
    assertThat(again).isEqualTo(first);

    HttpResponse<String> export =
        proxy.send(
            proxy
                .get("/v0/management/usage/export")
                .header("Authorization", "Bearer " + MANAGEMENT_KEY));
    assertThat(export.statusCode()).isEqualTo(200);
    HttpResponse<String> imported =
        proxy.send(
            proxy
                .post("/v0/management/usage/import", export.body())
                .header("Authorization", "Bearer " + MANAGEMENT_KEY));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(imported.body());
    assertThat(result.path("added").asLong()).isZero();
    assertThat(result.path("skipped").asLong()).isEqualTo(2);
    assertThat(result.path("total_requests").asLong()).isEqualTo(2);
    assertThat(management("/usage")).isEqualTo(first);
  }

  private static void assertRecorded(JsonNode answer) {
    JsonNode usage = answer.path("usage");
    assertThat(usage.path("total_requests").asLong()).isEqualTo(2);
    assertThat(usage.path("success_count").asLong()).isEqualTo(2);
    assertThat(usage.path("total_tokens").asLong()).isEqualTo(36);
    assertThat(answer.path("failed_requests").asLong()).isZero();
    JsonNode client = usage.path("apis").path(ClientKeys.fingerprintOf(CLIENT_KEY));
    assertThat(client.path("total_requests").asLong()).isEqualTo(2);
    assertThat(usage.path("apis").toString()).doesNotContain(CLIENT_KEY);
    for (String model : new String[] {"claude-x", "gpt-x"}) {
      JsonNode figures = client.path("models").path(model);
      assertThat(figures.path("total_requests").asLong()).as(model).isEqualTo(1);
      assertThat(figures.path("total_tokens").asLong()).as(model).isEqualTo(18);
      JsonNode tokens = figures.path("details").get(0).path("tokens");
      assertThat(tokens.path("input_tokens").asLong()).as(model).isEqualTo(11);
      assertThat(tokens.path("output_tokens").asLong()).as(model).isEqualTo(7);
    }
    JsonNode claude = client.path("models").path("claude-x").path("details").get(0);
    assertThat(claude.path("api").asText()).isEqualTo("CLAUDE_MESSAGES");
    assertThat(claude.path("provider").asText()).isEqualTo("up");
    assertThat(claude.path("upstream_model").asText()).isEqualTo("up-model");
    JsonNode openAi = client.path("models").path("gpt-x").path("details").get(0);
    assertThat(openAi.path("api").asText()).isEqualTo("OPENAI_CHAT");
    assertThat(openAi.path("stream").asBoolean()).isTrue();
  }

  @Test
  void theApiKeyFiguresAndTheSwitchAreAnswered() throws Exception {
    start();
    RecordingListener listener = new RecordingListener();
    proxy.app().gateway().listeners().add(listener);
    proxy.send(
        proxy
            .post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .header("Authorization", "Bearer " + CLIENT_KEY));
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> listener.of(GatewayEvent.Delivered.class).size() == 1))
        .isTrue();

    JsonNode enabled = management("/usage-statistics-enabled");
    assertThat(enabled.toString()).isEqualTo("{\"usage-statistics-enabled\":true}");
    JsonNode keys = management("/api-key-usage");
    JsonNode entry = keys.path("up").path(upstream.baseUrl() + "|up-1");
    assertThat(entry.path("recent_requests")).hasSize(20);
    assertThat(entry.path("success").asLong() + entry.path("failed").asLong())
        .isLessThanOrEqualTo(1);
    JsonNode status = management("/usage/status");
    assertThat(status.path("recording").asBoolean()).isTrue();
    assertThat(status.path("dropped").asLong()).isZero();
    assertThat(Path.of(status.path("database").asText()))
        .isEqualTo(dir.resolve("auth/usage.sqlite"));

    HttpResponse<String> off =
        proxy.send(
            proxy
                .get("/v0/management/usage-statistics-enabled")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":false}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + MANAGEMENT_KEY));
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(management("/usage-statistics-enabled").toString())
        .isEqualTo("{\"usage-statistics-enabled\":false}");
    assertThat(management("/usage/status").path("recording").asBoolean()).isFalse();
    assertThat(Files.readString(dir.resolve("config.yaml")))
        .contains("usage-statistics-enabled: false");
  }

  @Test
  void aBrokenImportIsA400ThatSaysWhy() throws Exception {
    start();
    HttpResponse<String> notJson =
        proxy.send(
            proxy
                .post("/v0/management/usage/import", "{not json")
                .header("Authorization", "Bearer " + MANAGEMENT_KEY));
    HttpResponse<String> newer =
        proxy.send(
            proxy
                .post("/v0/management/usage/import", "{\"version\":9,\"usage\":{}}")
                .header("Authorization", "Bearer " + MANAGEMENT_KEY));

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).path("error").asText()).isEqualTo("invalid body");
    assertThat(newer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(newer.body()).path("error").asText()).isEqualTo("unsupported version");
    assertThat(JSON.readTree(newer.body()).path("message").asText()).contains("versions 0 to 1");
    assertThat(Files.exists(dir.resolve("auth/usage.sqlite"))).isTrue();
  }

  @Test
  void aDatabaseThatCannotBeOpenedLeavesTheProxyServingAndTheFiguresA503() throws Exception {
    Files.createDirectories(dir.resolve("auth/usage.sqlite")); // a directory where the file goes
    start();

    HttpResponse<String> served =
        proxy.send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer " + CLIENT_KEY));
    HttpResponse<String> usage =
        proxy.send(
            proxy.get("/v0/management/usage").header("Authorization", "Bearer " + MANAGEMENT_KEY));

    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(usage.statusCode()).isEqualTo(503);
    JsonNode error = JSON.readTree(usage.body());
    assertThat(error.path("error").asText()).isEqualTo("usage unavailable");
    assertThat(error.path("message").asText()).contains("log says why");
  }

  private HttpResponse<String> export() throws Exception {
    return proxy.send(
        proxy
            .get("/v0/management/usage/export")
            .header("Authorization", "Bearer " + MANAGEMENT_KEY));
  }

  @Test
  void aLargeExportIsStreamedAsItIsReadAndReadsBackWhole() throws Exception {
    start();
    RecordingListener listener = new RecordingListener();
    proxy.app().gateway().listeners().add(listener);
    proxy.send(
        proxy
            .post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .header("Authorization", "Bearer " + CLIENT_KEY));
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> listener.of(GatewayEvent.Delivered.class).size() == 1))
        .isTrue();
    ObjectNode document = (ObjectNode) JSON.readTree(export().body());
    JsonNode model = document.path("usage").path("apis").path(ClientKeys.fingerprintOf(CLIENT_KEY));
    ArrayNode details = (ArrayNode) model.path("models").path("gpt-x").path("details");
    ObjectNode one = (ObjectNode) details.get(0);
    for (int i = 0; i < 4_000; i++) {
      details.add(one.deepCopy().put("id", "bulk-" + i));
    }
    HttpResponse<String> imported =
        proxy.send(
            proxy
                .post("/v0/management/usage/import", JSON.writeValueAsString(document))
                .header("Authorization", "Bearer " + MANAGEMENT_KEY));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(JSON.readTree(imported.body()).path("added").asLong()).isEqualTo(4_000);

    HttpResponse<String> big = export();
    assertThat(big.statusCode()).isEqualTo(200);
    assertThat(big.headers().firstValue("content-length")).as("not held whole").isEmpty();
    assertThat(big.headers().firstValue("content-type"))
        .contains("application/json; charset=utf-8");
    assertThat(big.headers().firstValue("content-disposition"))
        .contains("attachment; filename=\"usage-export.json\"");
    assertThat(big.body().length()).isGreaterThan(64 * 1024);
    JsonNode read = JSON.readTree(big.body());
    assertThat(read.path("usage").path("total_requests").asLong()).isEqualTo(4_001);
    assertThat(
            read.path("usage")
                .path("apis")
                .path(ClientKeys.fingerprintOf(CLIENT_KEY))
                .path("models")
                .path("gpt-x")
                .path("details"))
        .hasSize(4_001);
  }

  @Test
  void anExportWhoseDatabaseHasGoneIsA503NotACutDownload() throws Exception {
    start();
    assertThat(export().statusCode()).isEqualTo(200);
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(dir.resolve("auth/usage.sqlite" + suffix));
    }

    HttpResponse<String> gone = export();

    assertThat(gone.statusCode()).as(gone.body()).isEqualTo(503);
    assertThat(gone.headers().firstValue("content-disposition")).isEmpty();
    assertThat(JSON.readTree(gone.body()).path("error").asText()).isEqualTo("usage unavailable");
  }
}
