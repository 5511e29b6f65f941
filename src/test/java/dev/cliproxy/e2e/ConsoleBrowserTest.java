package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.BrowserPage;
import dev.cliproxy.testing.ChromiumSession;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import dev.cliproxy.toy.ToyKind;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of our console in a real browser: the proxy with a management key and two
 * accounts, one of which the upstream refuses with a 429 so that it rests; Chromium opens {@code
 * /console/}, a wrong key is sent back to the prompt, the right one shows both accounts with the
 * resting one marked resting, and the usage charts are drawn from the requests served.
 */
class ConsoleBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "console-browser-key-5c1e";
  private static final String CLIENT_KEY = "client-console-1";
  private static final String ADA = "toy-ada.json";
  private static final String GRACE = "toy-grace.json";
  private static final int REQUESTS = 4;

  @RegisterExtension final ChromiumSession browser = new ChromiumSession();
  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("console-toy-upstream");
    upstream.failFor(
        "tok-grace",
        429,
        Map.of("Retry-After", "3600"),
        "{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit_error\"}}");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve(ADA),
        "{\"type\":\"toy\",\"email\":\"ada@example.com\",\"access_token\":\"tok-ada\"}");
    Files.writeString(
        auth.resolve(GRACE),
        "{\"type\":\"toy\",\"email\":\"grace@example.com\",\"access_token\":\"tok-grace\"}");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: ["
                + CLIENT_KEY
                + "]\nendpoints:\n  toy:\n    api: "
                + upstream.baseUrl()
                + "\nremote-management:\n  secret-key: \""
                + KEY
                + "\"\n",
            ProxyWiring.standard().withKind(new ToyKind()));
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
  }

  private void serveRequests() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      HttpResponse<String> answer =
          proxy.send(
              proxy
                  .post(
                      "/v1/chat/completions",
                      "{\"model\":\""
                          + ToyKind.ACCOUNT_MODEL
                          + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                  .header("Authorization", "Bearer " + CLIENT_KEY));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    assertThat(upstream.received())
        .anyMatch(r -> "Bearer tok-grace".equals(r.header("Authorization")));
    boolean recorded =
        RunningProxy.eventually(
            Duration.ofSeconds(20),
            () -> {
              try {
                HttpResponse<String> usage =
                    proxy.send(
                        proxy.get("/v0/management/usage").header("Authorization", "Bearer " + KEY));
                return JSON.readTree(usage.body()).path("usage").path("total_requests").asLong()
                    >= REQUESTS;
              } catch (Exception e) {
                return false;
              }
            });
    assertThat(recorded).as("the usage store has the requests").isTrue();
  }

  @Test
  void theConsoleShowsBothAccountsTheRestingOneMarkedAndDrawsTheUsage() throws Exception {
    serveRequests();
    BrowserPage page = browser.newPage().open(proxy.baseUrl() + "/console/");
    page.waitFor("#key");
    page.screenshot("key prompt");

    page.type("#key", "not-the-key").pressEnter().waitForText("The key was refused");
    assertThat(page.evaluate("sessionStorage.length").asInt()).isZero();
    page.screenshot("wrong key refused");

    page.type("#key", KEY).pressEnter();
    page.waitFor("#accounts-table tr[data-name='" + GRACE + "'][data-state='resting']");
    page.waitFor("#accounts-table tr[data-name='" + ADA + "'][data-state='ready']");
    page.screenshot("accounts");

    String grace = page.text("#accounts-table tr[data-name='" + GRACE + "']");
    String ada = page.text("#accounts-table tr[data-name='" + ADA + "']");
    assertThat(grace).contains("grace@example.com").contains("resting").contains("until");
    assertThat(grace).contains(ToyKind.ACCOUNT_MODEL).contains("after 429");
    assertThat(ada).contains("ada@example.com").contains("ready").doesNotContain("resting");
    assertThat(page.url()).doesNotContain(KEY);

    page.clickText("#tabs button", "Usage");
    page.waitFor("#usage-charts svg rect.bar");
    page.screenshot("usage");

    assertThat(page.text("#usage-totals")).contains(REQUESTS + " requests");
    assertThat(page.evaluate("document.querySelectorAll('#usage-charts svg.chart').length").asInt())
        .isEqualTo(5);
    assertThat(page.text("#usage-charts")).contains(ToyKind.ACCOUNT_MODEL).contains(ADA);
    assertThat(page.log().consoleErrors())
        .as("console errors besides the refused wrong key")
        .allMatch(error -> error.contains("401 (Unauthorized)"));
  }

  private BrowserPage signedIn() throws Exception {
    BrowserPage page = browser.newPage().open(proxy.baseUrl() + "/console/");
    page.type("#key", KEY).pressEnter();
    page.waitFor("#accounts-table tr[data-name='" + ADA + "']");
    return page;
  }

  private static String row(String name, String state) {
    return "#accounts-table tr[data-name='" + name + "'][data-state='" + state + "']";
  }

  @Test
  void accountsAreDisabledEnabledUploadedAndDeletedFromTheConsole() throws Exception {
    BrowserPage page = signedIn();
    Path auth = proxy.authDir();

    page.click("button[aria-label='Disable " + ADA + "']").waitFor(row(ADA, "disabled"));
    assertThat(Files.readString(auth.resolve(ADA))).contains("\"disabled\"");
    page.screenshot("disabled");
    page.click("button[aria-label='Enable " + ADA + "']").waitFor(row(ADA, "ready"));

    page.evaluate(
        "(() => { const t = new DataTransfer();"
            + " t.items.add(new File(['{\"type\":\"toy\",\"email\":\"new@example.com\","
            + "\"access_token\":\"tok-new\"}'], 'toy-new.json', {type: 'application/json'}));"
            + " const input = document.getElementById('upload'); input.files = t.files;"
            + " input.dispatchEvent(new Event('change')); return true; })()");
    page.waitFor(row("toy-new.json", "ready")).waitForText("1 file uploaded");
    assertThat(auth.resolve("toy-new.json")).exists();

    page.evaluate("window.confirm = () => true");
    page.click("button[aria-label='Delete " + GRACE + "']").waitForText(GRACE + " deleted");
    assertThat(
            page.evaluate("document.querySelector(\"tr[data-name='" + GRACE + "']\") === null")
                .asBoolean())
        .isTrue();
    assertThat(auth.resolve(GRACE)).doesNotExist();
    page.screenshot("after upload and delete");
  }

  @Test
  void theConfigEditorShowsTheServersRefusalKeepsTheTextAndSavesAValidFile() throws Exception {
    BrowserPage page = signedIn();
    Path config = dir.resolve("config.yaml");

    page.clickText("#tabs button", "Config");
    page.waitFor("#config-text[data-loaded]");
    String before = Files.readString(config);
    String broken = "port: not-a-port\n";
    page.fill("#config-text", broken).click("#config-save").waitForText("Not saved");
    page.screenshot("config refused");

    assertThat(page.text("#config-status")).contains("port");
    assertThat(page.evaluate("document.getElementById('config-text').value").asText())
        .isEqualTo(broken);
    assertThat(Files.readString(config)).isEqualTo(before);

    String edited = before + "debug: true\n";
    page.fill("#config-text", edited).click("#config-save").waitForText("Saved and applied.");
    assertThat(Files.readString(config)).contains("debug: true");
  }
}
