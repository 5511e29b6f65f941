package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser driver against a small page served on loopback. */
class ChromiumTest {
  private static final String PAGE =
      """
      <!doctype html>
      <html><body>
      <form id="f"><input id="name" autocomplete="off"><button id="go" type="button">Greet</button></form>
      <p id="out"></p>
      <img src="http://nowhere.example/pixel.png">
      <script>
        const name = document.getElementById('name');
        const out = document.getElementById('out');
        // the answer appears a little later, as a page's fetch result would
        const greet = () => setTimeout(() => { out.textContent = 'Hello ' + name.value; }, 200);
        document.getElementById('go').addEventListener('click', greet);
        document.getElementById('f').addEventListener('submit', e => { e.preventDefault(); greet(); });
        console.error('boom from the page');
        fetch('/missing');
      </script>
      </body></html>
      """;

  @RegisterExtension final ChromiumSession browser = new ChromiumSession();
  private LoopbackJetty site;

  @BeforeEach
  void serve() throws Exception {
    site =
        LoopbackJetty.start(
            "chromium-test-site",
            (request, response) -> {
              boolean page = Request.getPathInContext(request).equals("/page.html");
              response.setStatus(page ? 200 : 404);
              response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
              try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write((page ? PAGE : "not here").getBytes(StandardCharsets.UTF_8));
              }
            });
  }

  @AfterEach
  void stop() throws Exception {
    site.close();
  }

  @Test
  void typesClicksPressesEnterAndReadsTheAnswerAsAUserWould() throws Exception {
    BrowserPage page = browser.newPage().open(site.origin() + "/page.html");

    page.type("#name", "Ada").click("#go").waitForText("Hello Ada");
    assertThat(page.text("#out")).isEqualTo("Hello Ada");

    page.fill("#name", "Grace").pressEnter().waitForText("Hello Grace");
    page.type("#name", " Hopper").clickText("button", "Greet").waitForText("Hello Grace Hopper");
    assertThat(page.text("#out")).isEqualTo("Hello Grace Hopper");
  }

  @Test
  void collectsConsoleErrorsAnswersAndFailedRequestsWhileNoOtherHostIsReachable() throws Exception {
    BrowserPage page = browser.newPage().open(site.origin() + "/page.html");
    page.waitForLog(log -> log.failures().size() >= 2, "the two failed requests");

    assertThat(page.log().consoleErrors()).anyMatch(error -> error.contains("boom from the page"));
    assertThat(page.log().answers())
        .contains(new PageLog.Answer("GET", site.origin() + "/page.html", 200));
    assertThat(page.log().failures())
        .anyMatch(f -> f.url().equals(site.origin() + "/missing") && f.status() == 404)
        .anyMatch(f ->
            f.url().equals("http://nowhere.example/pixel.png")
                && f.status() == 0
                && f.reason().contains("NAME_NOT_RESOLVED"));
  }

  @Test
  void savesScreenshotsAsPngUnderTargetScreenshots() throws Exception {
    BrowserPage page = browser.newPage().open(site.origin() + "/page.html");

    Path shot = page.screenshot("the page");

    assertThat(shot)
        .startsWith(Path.of("target", "screenshots", "ChromiumTest"))
        .hasFileName("01-the_page.png");
    byte[] png = Files.readAllBytes(shot);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    assertThat(page.screenshot("again")).hasFileName("02-again.png");
  }

  @Test
  void closingStopsEveryChromiumProcess() throws Exception {
    Chromium own = Chromium.launch(Chromium.binaryOrSkip(), "ChromiumTest/own");
    List<ProcessHandle> processes;
    try {
      own.newPage().open(site.origin() + "/page.html");
      processes = own.processes();
      assertThat(processes).hasSizeGreaterThan(1).allMatch(ProcessHandle::isAlive);
    } finally {
      own.close();
    }

    assertThat(processes).noneMatch(ProcessHandle::isAlive);
  }
}
