package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bodies on every route of the proxy API and of Amp's provider paths, with a valid client
 * key: garbage, truncated JSON, wrong types, deep nesting, invalid UTF-8, huge numbers, an
 * oversized body. Every one is answered (no hang: each call has a generous limit) with a 4xx that
 * carries a body, never a 5xx, and the proxy still serves a good request afterwards. A CI-sized
 * part of the reliability suite's HTTP fuzz.
 */
class HostileRequestsTest {
  private static final String KEY = "hostile-key";
  private static final Duration NO_HANG = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static FakeOpenAiUpstream upstream;
  private static RunningProxy proxy;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: ["
                + KEY
                + "]\nmax-body-size-mb: 1\nopenai-compatibility:\n  - name: Up\n    base-url: "
                + upstream.baseUrl()
                + "\n    api-key-entries:\n      - api-key: up-1\n    models:\n"
                + "      - name: up-model\n        alias: m\n");
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  /** The hostile bodies, by what they try. */
  private static Map<String, byte[]> bodies() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("empty", new byte[0]);
    bodies.put("garbage", new byte[] {0, (byte) 0xff, 0x13, '{', 0x7f, (byte) 0x80});
    bodies.put("not an object", utf8("[1,2,3]"));
    bodies.put("a string", utf8("\"hi\""));
    bodies.put("null", utf8("null"));
    bodies.put("truncated", utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"cont"));
    bodies.put(
        "wrong types",
        utf8(
            "{\"model\":5,\"messages\":\"x\",\"contents\":{},\"input\":7,\"max_tokens\":\"a\","
                + "\"stream\":\"yes\",\"tools\":{\"a\":1},\"prompt\":[[]],\"system\":9}"));
    bodies.put(
        "wrong inner types",
        utf8(
            "{\"model\":\"m\",\"messages\":[1,null,\"x\",{\"role\":7,\"content\":{\"a\":[]}}],"
                + "\"contents\":[3,{\"parts\":\"x\"}],\"input\":[{\"type\":9}],"
                + "\"tools\":[1,{\"function\":\"x\"},{\"functionDeclarations\":7}]}"));
    bodies.put("deep nesting", utf8("{\"model\":\"m\",\"x\":" + "[".repeat(100_000)));
    bodies.put(
        "deep objects",
        utf8("{\"model\":\"m\",\"messages\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
    byte[] invalidUtf8 =
        utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"??\"}]}");
    int at = new String(invalidUtf8, StandardCharsets.UTF_8).indexOf("??");
    invalidUtf8[at] = (byte) 0xc3;
    invalidUtf8[at + 1] = (byte) 0x28;
    bodies.put("invalid utf-8", invalidUtf8);
    bodies.put(
        "huge numbers",
        utf8(
            "{\"model\":\"m\",\"max_tokens\":1e999999,\"temperature\":-1e400,\"n\":"
                + "9".repeat(5_000)
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    bodies.put("oversized", utf8("{\"model\":\"m\",\"pad\":\"" + "a".repeat(2 << 20) + "\"}"));
    return bodies;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A concrete path for each model route that takes a body, with a model the config serves; Gemini
   * CLI's setup calls (answered by the proxy itself, whatever their body) are left to {@link
   * #theSetupCallsAnswerWhateverTheBody}.
   */
  private static List<String> postPaths() {
    List<String> paths = new ArrayList<>();
    Map<String, PathTable<Route>> tables = new LinkedHashMap<>();
    tables.put("", Route.TABLE);
    tables.put("openai", Route.providerAliases("/api/provider/{provider}"));
    tables.put("anthropic", Route.providerAliases("/api/provider/{provider}"));
    tables.put("google", Route.vertexAliases("/api/provider/{provider}"));
    tables.forEach((provider, table) -> {
      for (PathTable.Entry<Route> entry : table.entries()) {
        Set<String> methods = entry.methods();
        if ((!methods.isEmpty() && !methods.contains("POST"))
            || entry.target().kind() == Route.Kind.CODE_ASSIST_SETUP) {
          continue;
        }
        paths.add(entry.path().toString().replace("{model}", "m").replace("{provider}", provider));
      }
    });
    return paths;
  }

  private static HttpResponse<String> post(String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path))
            .timeout(NO_HANG)
            .header("Authorization", "Bearer " + KEY)
            .header("x-api-key", KEY)
            .header("x-goog-api-key", KEY)
            .header("anthropic-version", "2023-06-01")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyHostileBodyOnEveryRouteIsAFourHundredWithABody() throws Exception {
    List<String> paths = postPaths();
    assertThat(paths).as("the route table was read").hasSizeGreaterThan(20);
    List<String> wrong = new ArrayList<>();
    int tried = 0;
    for (String path : paths) {
      for (Map.Entry<String, byte[]> body : bodies().entrySet()) {
        HttpResponse<String> answer;
        try {
          answer = post(path, body.getValue());
        } catch (java.io.IOException e) {
          wrong.add("POST " + path + " with " + body.getKey() + " -> no answer: " + e);
          continue;
        }
        tried++;
        int status = answer.statusCode();
        boolean fine = status >= 400 && status < 500 && !answer.body().isBlank();
        boolean passedOn = status == 200 && body.getKey().equals("huge numbers");
        if (!fine && !passedOn) {
          wrong.add(
              "POST "
                  + path
                  + " with "
                  + body.getKey()
                  + " -> "
                  + status
                  + " "
                  + answer.body().substring(0, Math.min(200, answer.body().length())));
        }
      }
    }
    assertThat(wrong).as("of %d hostile requests", tried).isEmpty();

    assertThat(upstream.received())
        .as("nothing hostile reached the upstream")
        .allSatisfy(r -> assertThat(r.body().path("messages").get(0).isObject()).isTrue());
    HttpResponse<String> good =
        post(
            "/v1/chat/completions",
            utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
  }

  @Test
  void theSetupCallsAnswerWhateverTheBody() throws Exception {
    for (Map.Entry<String, byte[]> body : bodies().entrySet()) {
      for (String path : List.of("/v1internal:loadCodeAssist", "/v1internal:onboardUser")) {
        HttpResponse<String> answer = post(path, body.getValue());
        assertThat(answer.statusCode()).as(path + " with " + body.getKey()).isIn(200, 413);
      }
    }
  }
}
