package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logs endpoints of {@code /v0/management} through the real proxy: the main log's lines with
 * {@code after} and {@code limit}, clearing it, the error logs listed and downloaded (names
 * checked), one request's log by id, and the logging settings.
 */
class ManagementLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "mgmt-key-logs";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("mgmt-logs");
    upstream.failFor("up-bad", 500, Map.of(), "{\"error\":{\"message\":\"boom\"}}");
    proxy =
        RunningProxy.start(
            dir,
            "logging-to-file: true\nerror-logs-max-files: 5\nlogs-max-total-size-mb: 64\n"
                + "openai-compatibility:\n  - name: Up\n    base-url: "
                + upstream.baseUrl()
                + "\n    api-key-entries:\n      - api-key: up-bad\n    models:\n"
                + "      - name: up-model\n        alias: failing\n"
                + "remote-management:\n  secret-key: \""
                + BcryptHash.of(KEY)
                + "\"\n");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    return proxy.send(
        proxy
            .get("/v0/management" + path)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("X-Management-Key", KEY));
  }

  private JsonNode json(HttpResponse<String> answer, int status) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return JSON.readTree(answer.body());
  }

  private String failedRequest() throws Exception {
    HttpResponse<String> failed =
        proxy.send(
            proxy.post(
                "/v1/chat/completions",
                "{\"model\":\"failing\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
    assertThat(failed.statusCode()).isEqualTo(500);
    proxy.app().requestLogs().drain();
    JsonNode files = json(call("GET", "/request-error-logs"), 200).path("files");
    assertThat(files).isNotEmpty();
    return files.get(0).path("name").asText();
  }

  @Test
  void theMainLogIsReadAfterAStampAndLimitedThenCleared() throws Exception {
    Path main = dir.resolve("logs/main.log");
    ZoneId zone = ZoneId.systemDefault();
    LocalDateTime old = LocalDateTime.now(zone).minusDays(1);
    Files.writeString(
        main,
        old.format(STAMP) + ".000 INFO  [Test] yesterday\n  a continuation of yesterday\n",
        java.nio.file.StandardOpenOption.APPEND);
    long yesterday = old.atZone(zone).toEpochSecond();

    JsonNode all = json(call("GET", "/logs"), 200);
    assertThat(all.path("lines").toString()).contains("yesterday").contains("listening on");
    assertThat(all.path("line-count").asLong()).isEqualTo(all.path("lines").size());
    assertThat(all.path("latest-timestamp").asLong()).isGreaterThanOrEqualTo(yesterday);

    JsonNode after = json(call("GET", "/logs?after=" + (yesterday + 60)), 200);
    assertThat(after.path("lines").toString()).doesNotContain("yesterday");

    JsonNode last = json(call("GET", "/logs?limit=1"), 200);
    assertThat(last.path("lines")).hasSize(1);

    assertThat(json(call("GET", "/logs?limit=abc"), 400).path("error").asText())
        .isEqualTo("invalid limit: must be a positive integer");
    assertThat(json(call("GET", "/logs?limit=0"), 400).path("error").asText())
        .isEqualTo("invalid limit: must be greater than zero");

    Files.writeString(dir.resolve("logs/main-2026-01-01.0.log"), "rolled\n");
    JsonNode cleared = json(call("DELETE", "/logs"), 200);
    assertThat(cleared.path("success").asBoolean()).isTrue();
    assertThat(cleared.path("removed").asInt()).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("logs/main-2026-01-01.0.log"))).isFalse();
    assertThat(Files.readString(main)).doesNotContain("yesterday");
  }

  @Test
  void errorLogsAreListedAndDownloadedByCheckedNames() throws Exception {
    String name = failedRequest();
    assertThat(name).startsWith("error-").endsWith(".log");
    JsonNode entry = json(call("GET", "/request-error-logs"), 200).path("files").get(0);
    assertThat(entry.path("size").asLong()).isPositive();
    assertThat(entry.path("modified").asLong()).isPositive();

    HttpResponse<String> download = call("GET", "/request-error-logs/" + name);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + name + "\"");
    assertThat(download.body()).contains("Failed request").contains("Status: 500");

    String id = name.substring("error-".length(), name.length() - ".log".length());
    HttpResponse<String> byId = call("GET", "/request-log-by-id/" + id);
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(byId.body()).isEqualTo(download.body());

    assertThat(json(call("GET", "/request-error-logs/main.log"), 404).path("error").asText())
        .isEqualTo("log file not found");
    assertThat(call("GET", "/request-error-logs/..%5Cconfig.yaml").statusCode()).isEqualTo(400);
    assertThat(json(call("GET", "/request-error-logs/error-x.log"), 404).path("error").asText())
        .isEqualTo("log file not found");
    assertThat(call("GET", "/request-log-by-id/..%2F..%2Fconfig.yaml").statusCode()).isIn(400, 404);
    assertThat(
            json(call("GET", "/request-log-by-id/20990101-000000-000-000000"), 404)
                .path("error")
                .asText())
        .isEqualTo("log file not found");
  }

  @Test
  void theSettingsAreReadFromTheRunningConfigAndSetInTheFile() throws Exception {
    assertThat(json(call("GET", "/request-log"), 200).path("request-log").asBoolean()).isFalse();
    assertThat(json(call("GET", "/error-logs-max-files"), 200).path("error-logs-max-files").asInt())
        .isEqualTo(5);
    assertThat(
            json(call("GET", "/logs-max-total-size-mb"), 200)
                .path("logs-max-total-size-mb")
                .asInt())
        .isEqualTo(64);
    HttpResponse<String> set =
        proxy.send(
            proxy
                .get("/v0/management/request-log")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"value\":true}"))
                .header("Content-Type", "application/json")
                .header("X-Management-Key", KEY));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json(call("GET", "/request-log"), 200).path("request-log").asBoolean()).isTrue();
    assertThat(java.nio.file.Files.readString(dir.resolve("config.yaml")))
        .contains("request-log: true");
  }

  @Test
  void withoutFileLoggingTheMainLogEndpointsSaySo() throws Exception {
    proxy.rewriteConfig("remote-management:\n  secret-key: \"" + BcryptHash.of(KEY) + "\"\n");
    assertThat(
            RunningProxy.eventually(
                java.time.Duration.ofSeconds(10),
                () -> {
                  try {
                    return call("GET", "/logs").statusCode() == 400;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
    assertThat(json(call("GET", "/logs"), 400).path("error").asText())
        .isEqualTo("logging to file disabled");
    assertThat(json(call("DELETE", "/logs"), 400).path("error").asText())
        .isEqualTo("logging to file disabled");
  }
}
