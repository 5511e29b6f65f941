package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.provider.claude.ClaudeKind;
import dev.cliproxy.provider.claude.ClaudeLoginCommand;
import dev.cliproxy.testing.BrowserPage;
import dev.cliproxy.testing.ChromiumSession;
import dev.cliproxy.testing.FakeClaudeAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login run from the console in a real browser, against a fake Anthropic OAuth server: the Claude
 * button gives the sign-in address, the address the sign-in ended on is pasted back (as from a
 * browser on another machine), and the console says the account is saved and lists it; a login can
 * be cancelled; a kind this proxy has no login for says so.
 */
class ConsoleLoginBrowserTest {
  private static final String KEY = "console-login-key-9b2d";
  private static final String EMAIL = "web@example.com";

  @RegisterExtension final ChromiumSession browser = new ChromiumSession();
  @TempDir Path dir;
  private FakeClaudeAuth auth;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    auth = FakeClaudeAuth.start(EMAIL);
    int callbackPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      callbackPort = socket.getLocalPort();
    }
    BrowserOpener never = new BrowserOpener("Linux", Map.of(), uri -> false, command -> false);
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  claude:\n    authorize: "
                + auth.authorizeUrl()
                + "\n    token: "
                + auth.tokenUrl()
                + "\nremote-management:\n  secret-key: \""
                + KEY
                + "\"\n",
            ProxyWiring.standard()
                .withKinds(List.of(new ClaudeKind(new ClaudeLoginCommand(never, callbackPort)))));
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    auth.close();
  }

  /** Signed in on the Logins section; the page opens no tab (the test is the other browser). */
  private BrowserPage logins() throws Exception {
    BrowserPage page = browser.newPage().open(proxy.baseUrl() + "/console/#logins");
    page.type("#key", KEY).pressEnter();
    page.waitFor("#login-buttons button");
    page.evaluate("window.open = () => null");
    return page;
  }

  @Test
  void aClaudeLoginFinishesWithThePastedAddressAndTheAccountIsListed() throws Exception {
    BrowserPage page = logins();

    page.clickText("#login-buttons button", "Claude");
    page.waitForText("Waiting for the Claude login to finish");
    String signIn = page.evaluate("document.querySelector('#login-status a').href").asText();
    assertThat(signIn).startsWith(auth.authorizeUrl());
    page.screenshot("waiting for the sign-in");

    URI endedOn = auth.approve(URI.create(signIn));
    page.type("#callback-url", endedOn.toString()).click("#callback-form button");
    page.waitForText("Logged in to Claude");
    page.screenshot("logged in");

    assertThat(Files.exists(proxy.authDir().resolve("claude-" + EMAIL + ".json"))).isTrue();
    page.clickText("#tabs button", "Accounts");
    page.waitFor("#accounts-table tr[data-name='claude-" + EMAIL + ".json'][data-state='ready']");
    assertThat(page.evaluate("document.getElementById('login-pending').hidden").asBoolean())
        .isTrue();
  }

  @Test
  void aStartedLoginIsCancelled() throws Exception {
    BrowserPage page = logins();

    page.clickText("#login-buttons button", "Claude");
    page.waitForText("Waiting for the Claude login to finish");
    page.click("#login-cancel").waitForText("The Claude login was cancelled.");

    assertThat(page.evaluate("document.getElementById('login-pending').hidden").asBoolean())
        .isTrue();
    try (var files = Files.list(proxy.authDir())) {
      assertThat(files.filter(p -> p.toString().endsWith(".json"))).isEmpty();
    }
  }

  @Test
  void aLoginKindThisProxyHasNoLoginForSaysSoPlainly() throws Exception {
    BrowserPage page = logins();

    page.clickText("#login-buttons button", "Codex");

    page.waitForText("not available in this proxy version");
    page.screenshot("login not available");
  }
}
