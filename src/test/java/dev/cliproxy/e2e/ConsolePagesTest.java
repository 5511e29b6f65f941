package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's files at {@code /console/} through the real proxy: served without a key while the
 * management API is on, each with its type and a same-origin policy, nothing else under the prefix,
 * and hidden like the API while it is off.
 */
class ConsolePagesTest {
  private static final String KEY = "console-key-3";
  private static final String HASH = BcryptHash.of(KEY);
  private static final String MANAGED =
      "api-keys: [client-1]\nremote-management:\n  secret-key: \"" + HASH + "\"\n";

  @TempDir Path dir;
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return proxy.send(proxy.get(path));
  }

  private static String header(HttpResponse<?> answer, String name) {
    return answer.headers().firstValue(name).orElse("");
  }

  @Test
  void thePageItsScriptAndItsStyleAreServedWithoutAKeyWithTheirTypesAndAStrictPolicy()
      throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);

    HttpResponse<String> page = get("/console/");
    HttpResponse<String> script = get("/console/console.js");
    HttpResponse<String> style = get("/console/console.css");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("<script src=\"console.js\"")
        .contains("href=\"console.css\"")
        .contains("type=\"password\"");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(header(script, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(script.body()).contains("/v0/management").contains("sessionStorage");
    assertThat(style.statusCode()).isEqualTo(200);
    assertThat(header(style, "Content-Type")).isEqualTo("text/css; charset=utf-8");
    for (HttpResponse<String> answer : List.of(page, script, style)) {
      String policy = header(answer, "Content-Security-Policy");
      assertThat(policy)
          .contains("default-src 'none'")
          .contains("script-src 'self'")
          .contains("style-src 'self'")
          .contains("connect-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("http");
      assertThat(header(answer, "X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(header(answer, "Cache-Control")).isEqualTo("no-cache");
      assertThat(header(answer, "ETag")).matches("\"[0-9a-f]{24}\"");
    }
    assertThat(get("/console/index.html").body()).isEqualTo(page.body());
  }

  @Test
  void theConsoleStaysSmallAndLoadsNothingFromElsewhere() throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);

    String page = get("/console/").body();
    String script = get("/console/console.js").body();
    String style = get("/console/console.css").body();

    assertThat(page.length() + script.length() + style.length()).isLessThan(50_000);
    assertThat(page).doesNotContain("src=\"http").doesNotContain("href=\"http");
    assertThat(style).doesNotContain("url(").doesNotContain("@import");
    assertThat(script).doesNotContain("innerHTML").doesNotContain("eval(");
  }

  @Test
  void consoleWithoutTheSlashIsRedirectedToIt() throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);

    HttpResponse<String> answer = get("/console");

    assertThat(answer.statusCode()).isEqualTo(301);
    assertThat(header(answer, "Location")).isEqualTo("/console/");
  }

  @Test
  void anUnchangedFileIsRevalidatedWithA304() throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);
    HttpResponse<String> first = get("/console/console.js");

    HttpResponse<String> again =
        proxy.send(proxy.get("/console/console.js").header("If-None-Match", header(first, "ETag")));
    HttpResponse<String> other =
        proxy.send(proxy.get("/console/console.js").header("If-None-Match", "\"something-else\""));

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(first.body());
  }

  @Test
  void nothingElseUnderTheConsoleIsServedAndNoPathLeavesIt() throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);

    for (String path :
        List.of(
            "/console/nope.js",
            "/console/console.js/more",
            "/console/sub/console.js",
            "/console/Console.js",
            "/console/%2e%2e/config.yaml",
            "/console/..%2fconfig.yaml",
            "/console/%2e%2e%2fconfig.yaml",
            "/console/../config.yaml",
            "/console/..%5cconfig.yaml")) {
      HttpResponse<String> answer = get(path);

      assertThat(answer.statusCode()).as(path).isIn(400, 404);
      assertThat(answer.body()).as(path).doesNotContain(HASH).doesNotContain("client-1");
    }
    HttpResponse<String> unknown = get("/console/nope.js");
    assertThat(header(unknown, "Content-Type")).startsWith("application/json");
    assertThat(unknown.body()).contains("the console has no file /console/nope.js");
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);

    HttpResponse<String> post = proxy.send(proxy.post("/console/", "{}"));
    HttpResponse<Void> head =
        HttpClient.newHttpClient()
            .send(
                proxy.get("/console/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
  }

  @Test
  void whileTheManagementApiIsOffTheConsoleIsHiddenBehindAnEmpty404() throws Exception {
    proxy = RunningProxy.start(dir, "api-keys: [client-1]\n");

    for (String path : List.of("/console", "/console/", "/console/console.js", "/console/x")) {
      HttpResponse<String> answer = get(path);

      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.body()).as(path).isEmpty();
      assertThat(header(answer, "Content-Security-Policy")).as(path).isEmpty();
    }
  }

  @Test
  void theEnvironmentPasswordAloneTurnsTheConsoleOn() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [client-1]\n",
            ProxyWiring.standard().withManagementPassword(Optional.of("env-pass")));

    assertThat(get("/console/").statusCode()).isEqualTo(200);
  }

  @Test
  void turningTheKeyOffHidesTheConsoleAtOnce() throws Exception {
    proxy = RunningProxy.start(dir, MANAGED);
    assertThat(get("/console/").statusCode()).isEqualTo(200);

    proxy.rewriteConfig("api-keys: [client-1]\n");

    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return get("/console/").statusCode() == 404;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
  }

  @Test
  void disableControlPanelTurnsTheConsoleOffAndLeavesTheApiOn() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [client-1]\nremote-management:\n  secret-key: \""
                + HASH
                + "\"\n  disable-control-panel: true\n");

    HttpResponse<String> page = get("/console/");
    HttpResponse<String> api =
        proxy.send(proxy.get("/v0/management/config").header("X-Management-Key", KEY));

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("disable-control-panel");
    assertThat(header(page, "Content-Type")).startsWith("application/json");
    assertThat(api.statusCode()).isEqualTo(200);
  }
}
