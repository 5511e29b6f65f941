package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.testing.BrowserPage;
import dev.cliproxy.testing.ChromiumSession;
import dev.cliproxy.testing.PageLog;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance in a real browser: the Management Center (the ecosystem's web UI, built, from
 * {@code src/test/resources/management-center}) served by the proxy at {@code /management.html},
 * logged in with the management key as a user would, shows the accounts page with the account
 * files, and its other pages open without a server error. The management calls it made that
 * answered 404 (what it still misses here) are kept beside the screenshots in {@code
 * management-calls-answered-404.txt}.
 */
class ManagementCenterBrowserTest {
  private static final Path MANAGEMENT_CENTER =
      Path.of("src/test/resources/management-center/management.html");
  private static final String KEY = "mc-browser-key-7f3a";
  private static final String DEAD = "http://127.0.0.1:9";
  private static final String KEY_INPUT = "input[name='cpa-management-key']";
  private static final List<String> ACCOUNT_FILES =
      List.of("codex-ada@example.com.json", "claude-grace@example.com.json");

  @RegisterExtension final ChromiumSession browser = new ChromiumSession();
  @TempDir Path dir;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    Path auth = Files.createDirectories(dir.resolve("auth"));
    String expires = Instant.now().plus(Duration.ofDays(10)).toString();
    Files.writeString(
        auth.resolve(ACCOUNT_FILES.get(0)),
        "{\"type\":\"codex\",\"email\":\"ada@example.com\",\"access_token\":\"at-codex-1\","
            + "\"refresh_token\":\"rt-codex-1\",\"account_id\":\"acct-1\",\"expired\":\""
            + expires
            + "\"}");
    Files.writeString(
        auth.resolve(ACCOUNT_FILES.get(1)),
        "{\"type\":\"claude\",\"email\":\"grace@example.com\",\"access_token\":\"at-claude-1\","
            + "\"refresh_token\":\"rt-claude-1\",\"expired\":\""
            + expires
            + "\"}");
    Files.createDirectories(dir.resolve("static"));
    Files.copy(managementCenter(), dir.resolve("static/management.html"));
    // every upstream and OAuth address is a dead loopback port: nothing the page does leaves here
    proxy =
        RunningProxy.start(
            dir,
            "remote-management:\n  secret-key: \""
                + KEY
                + "\"\n"
                + "endpoints:\n"
                + "  codex: {api: "
                + DEAD
                + ", auth: "
                + DEAD
                + "}\n"
                + "  claude: {api: "
                + DEAD
                + ", authorize: "
                + DEAD
                + ", token: "
                + DEAD
                + "}\n");
  }

  /** The Management Center logs in by reading the config; say so plainly when that is missing. */
  private void loginNeedsTheConfigEndpoint() throws Exception {
    int status =
        proxy
            .send(proxy.get("/v0/management/config").header("Authorization", "Bearer " + KEY))
            .statusCode();
    assertThat(status)
        .as("the Management Center logs in with GET /v0/management/config, which answered")
        .isEqualTo(200);
  }

  /** The built Management Center in the shared fixtures beside the project. */
  private static Path managementCenter() {
    if (!Files.isRegularFile(MANAGEMENT_CENTER)) {
      throw new AssertionError(
          "the built Management Center is missing: " + MANAGEMENT_CENTER.toAbsolutePath());
    }
    return MANAGEMENT_CENTER;
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void theManagementCenterLogsInWithTheKeyAndShowsTheAccountFiles() throws Exception {
    BrowserPage page = browser.newPage().open(proxy.baseUrl() + "/management.html");

    // the page found the API on the address it was loaded from
    page.waitFor(KEY_INPUT).waitForText(proxy.baseUrl());
    page.screenshot("login page");

    page.fill(KEY_INPUT, "not-the-key").clickText("button", "Login").waitForText("HTTP 401");
    page.screenshot("wrong key refused");

    logIn(page);
    page.click("a[href='#/auth-files']");
    for (String name : ACCOUNT_FILES) {
      // each account's card names its file: in full on hover, without .json in its text
      String card = "[title='" + name + "']";
      page.waitFor(card);
      assertThat(page.text(card)).isEqualTo(name.replace(".json", ""));
    }
    page.settle().screenshot("auth files");

    assertNoServerErrors(page);
    keepMissingCalls(page);
  }

  @Test
  void everyPageOfTheManagementCenterOpensWithoutAServerError() throws Exception {
    BrowserPage page = browser.newPage().open(proxy.baseUrl() + "/management.html");
    logIn(page);

    // the quota page is left out: it fetches each account's quota from the providers themselves
    for (String route :
        List.of("/", "/ai-providers", "/auth-files", "/oauth", "/logs", "/config", "/system")) {
      page.click("a[href='#" + route + "']");
      page.settle();
      assertThat(page.url()).endsWith("#" + route);
      page.screenshot("page " + route);
    }

    assertNoServerErrors(page);
    assertThat(page.log().consoleErrors())
        .as("uncaught exceptions in the Management Center")
        .noneMatch(error -> error.startsWith("uncaught:"));
    keepMissingCalls(page);
  }

  private void logIn(BrowserPage page) throws Exception {
    loginNeedsTheConfigEndpoint();
    page.fill(KEY_INPUT, KEY).clickText("button", "Login");
    page.waitFor("a[href='#/auth-files']");
    page.settle().screenshot("logged in");
  }

  private static List<PageLog.Answer> managementCalls(BrowserPage page) {
    return page.log().answers().stream().filter(a -> a.url().contains("/v0/management")).toList();
  }

  private static void assertNoServerErrors(BrowserPage page) {
    assertThat(managementCalls(page))
        .as("the Management Center's calls")
        .filteredOn(a -> a.status() >= 500)
        .isEmpty();
  }

  /** Keeps (and prints) every management call that answered 404: what the page still misses. */
  private void keepMissingCalls(BrowserPage page) throws Exception {
    TreeSet<String> missing = new TreeSet<>();
    for (PageLog.Answer answer : managementCalls(page)) {
      if (answer.status() == 404) {
        missing.add(answer.method() + " " + answer.url().replaceFirst("^https?://[^/]+", ""));
      }
    }
    String text = String.join("\n", missing) + "\n";
    System.out.println("management calls of the Management Center answered 404:\n" + text);
    Path file = browser.chromium().artefacts().resolve("management-calls-answered-404.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
