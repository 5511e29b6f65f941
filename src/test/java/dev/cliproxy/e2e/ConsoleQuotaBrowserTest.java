package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.testing.BrowserPage;
import dev.cliproxy.testing.ChromiumSession;
import dev.cliproxy.testing.FakeCodexBackend;
import dev.cliproxy.testing.FakeOpenAiAuth;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quota at a glance in the console: the windows the Codex backend reported on its last answer are
 * shown on the account's row, used and with a meter.
 */
class ConsoleQuotaBrowserTest {
  private static final String KEY = "console-quota-key";
  private static final String ACCOUNT = "codex-e2e@example.com.json";

  @RegisterExtension final ChromiumSession browser = new ChromiumSession();
  @TempDir Path dir;
  private FakeCodexBackend backend;
  private FakeOpenAiAuth auth;
  private RunningProxy proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    backend.close();
    auth.close();
  }

  @Test
  void theCodexWindowsOfTheLastAnswerAreShownOnTheAccountsRow() throws Exception {
    backend = FakeCodexBackend.start();
    backend.acceptAccessToken("at-e2e", "acct-e2e");
    auth = FakeOpenAiAuth.start();
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        authDir.resolve(ACCOUNT),
        CodexEndToEndTest.accountFile("at-e2e", "rt-e2e", Instant.now().plus(Duration.ofDays(30))));
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  codex:\n    api: "
                + backend.baseUrl()
                + "\n    auth: "
                + auth.baseUrl()
                + "\nremote-management:\n  secret-key: \""
                + KEY
                + "\"\n");
    backend.answerHeaders(
        Map.of(
            "x-codex-primary-used-percent", "12",
            "x-codex-primary-window-minutes", "300",
            "x-codex-primary-reset-at",
                String.valueOf(Instant.now().plus(Duration.ofHours(3)).getEpochSecond()),
            "x-codex-secondary-used-percent", "40",
            "x-codex-plan-type", "pro"));
    int status =
        proxy
            .send(
                proxy
                    .post(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-5-codex\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}")
                    .header("Authorization", "Bearer proxy-key"))
            .statusCode();
    assertThat(status).isEqualTo(200);

    BrowserPage page = browser.newPage().open(proxy.baseUrl() + "/console/");
    page.type("#key", KEY).pressEnter();
    String row = "#accounts-table tr[data-name='" + ACCOUNT + "']";
    page.waitFor(row + " meter");
    page.screenshot("quota");

    assertThat(page.text(row))
        .contains("plan pro")
        .contains("primary: 12% used")
        .contains("resets in 2h")
        .contains("secondary: 40% used");
    assertThat(page.evaluate("document.querySelector(\"" + row + " meter\").value").asDouble())
        .isEqualTo(12.0);
  }
}
