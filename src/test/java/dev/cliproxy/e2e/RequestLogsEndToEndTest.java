package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import dev.cliproxy.toy.ToyKind;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request and error logs through the real proxy: with {@code request-log} each request's file holds
 * the client's request, each upstream try and the answer, streams as their events, and no secret
 * (client key in header, query and body; upstream API key; OAuth token; a key an upstream echoes
 * back); without it only failed requests are written, the newest {@code error-logs-max-files} kept.
 */
class RequestLogsEndToEndTest {
  private final String clientKey = secret("client");
  private final String upstreamKey = secret("sk-upstream");
  private final String refusedKey = secret("sk-refused");
  private final String oauthToken = secret("ya29.oauth");

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  private static String secret(String prefix) {
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    return prefix + "-" + HexFormat.of().formatHex(random);
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private void start(String logging) throws Exception {
    upstream = FakeOpenAiUpstream.start("logged");
    upstream.failFor(
        refusedKey,
        401,
        Map.of(),
        "{\"error\":{\"message\":\"Incorrect API key provided: " + refusedKey + "\"}}");
    Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        dir.resolve("auth/toy-a.json"),
        "{\"type\":\"toy\",\"email\":\"a@example.com\",\"access_token\":\"" + oauthToken + "\"}");
    proxy =
        RunningProxy.start(
            dir,
            logging
                + "api-keys: [\""
                + clientKey
                + "\"]\nendpoints:\n  toy:\n    api: "
                + upstream.baseUrl()
                + "\nopenai-compatibility:\n  - name: Up\n    base-url: "
                + upstream.baseUrl()
                + "\n    api-key-entries:\n      - api-key: "
                + upstreamKey
                + "\n    models:\n      - name: up-model\n        alias: good\n"
                + "  - name: Refused\n    base-url: "
                + upstream.baseUrl()
                + "\n    api-key-entries:\n      - api-key: "
                + refusedKey
                + "\n    models:\n      - name: up-model\n        alias: refused\n",
            ProxyWiring.standard().withKind(new ToyKind()));
  }

  private HttpResponse<String> chat(String model, String text, boolean stream) throws Exception {
    return proxy.send(
        proxy
            .post(
                "/v1/chat/completions?key=" + clientKey,
                "{\"model\":\""
                    + model
                    + "\",\"stream\":"
                    + stream
                    + ",\"metadata\":{\"api_key\":\""
                    + clientKey
                    + "\",\"note\":\"token "
                    + oauthToken
                    + "\"},\"messages\":[{\"role\":\"user\",\"content\":\""
                    + text
                    + "\"}]}")
            .header("Authorization", "Bearer " + clientKey)
            .header("X-Goog-Api-Key", clientKey)
            .header("Cookie", "session=" + clientKey));
  }

  private List<Path> logFiles() throws Exception {
    proxy.app().requestLogs().drain();
    Path logs = dir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private List<Path> named(String prefix) throws Exception {
    return logFiles().stream().filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
  }

  @Test
  void everyRequestIsLoggedWholeAndNoSecretIsInAnyFile() throws Exception {
    start("request-log: true\nlogging-to-file: true\ndebug: true\n");

    assertThat(chat("good", "whole", false).statusCode()).isEqualTo(200);
    HttpResponse<String> streamed = chat("good", "streamed", true);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(chat(ToyKind.ACCOUNT_MODEL, "oauth", false).statusCode()).isEqualTo(200);
    assertThat(chat("refused", "refused", false).statusCode()).isEqualTo(401);

    List<Path> requests = named("request-");
    assertThat(requests).hasSize(4);
    assertThat(named("error-")).isEmpty();
    for (Path file : logFiles()) {
      String text = Files.readString(file);
      for (String secret : List.of(clientKey, upstreamKey, refusedKey, oauthToken)) {
        assertThat(text).as(file.getFileName() + " holds a secret").doesNotContain(secret);
      }
    }
    String whole = Files.readString(requests.get(0));
    assertThat(whole)
        .contains("=== Client request ===")
        .contains("POST /v1/chat/completions (OPENAI_CHAT)")
        .contains("\"content\":\"whole\"")
        .contains("=== Upstream try 1 ===")
        .contains("POST " + upstream.baseUrl() + "/chat/completions")
        .contains("Authorization: Bearer sk-u…")
        .contains("=== Client answer ===")
        .contains("Status: 200");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(requests.get(0))))
        .isEqualTo("rw-------");
    String stream = Files.readString(requests.get(1));
    assertThat(stream).contains("(event stream)").contains("data: [DONE]");
    assertThat(stream.split("data: \\[DONE\\]", -1))
        .as("the upstream's events and the client's, both logged")
        .hasSize(3);
    String refused = Files.readString(requests.get(3));
    assertThat(refused).contains("Status: 401").contains("Incorrect API key provided: sk-r…");
  }

  @Test
  void withoutRequestLogOnlyFailedRequestsAreWrittenAndTheNewestKept() throws Exception {
    start("error-logs-max-files: 2\n");

    assertThat(chat("good", "fine", false).statusCode()).isEqualTo(200);
    assertThat(chat("good", "fine too", true).statusCode()).isEqualTo(200);
    assertThat(logFiles()).as("a successful request writes nothing").isEmpty();

    assertThat(chat("refused", "fail-1", false).statusCode()).isEqualTo(401);
    List<Path> one = named("error-");
    assertThat(one).hasSize(1);
    assertThat(Files.readString(one.get(0)))
        .contains("Failed request")
        .contains("fail-1")
        .contains("Status: 401")
        .doesNotContain(refusedKey)
        .doesNotContain(clientKey);

    // The refused key is disabled now, so the next tries fail before reaching the upstream.
    assertThat(chat("refused", "fail-2", false).statusCode()).isEqualTo(503);
    assertThat(chat("no-such-model", "fail-3", false).statusCode()).isEqualTo(404);
    assertThat(chat("refused", "fail-4", false).statusCode()).isEqualTo(503);
    List<Path> kept = named("error-");
    assertThat(kept).hasSize(2);
    assertThat(Files.readString(kept.get(0))).contains("fail-3").contains("Status: 404");
    assertThat(Files.readString(kept.get(1))).contains("fail-4");
    assertThat(named("request-")).isEmpty();
  }
}
