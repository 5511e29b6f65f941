package dev.cliproxy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One Chromium tab driven like a user: open a URL, wait for a selector or a text (polling until a
 * deadline), type, click, press Enter, read text, take screenshots; its {@link #log()} has the
 * console errors and failed requests.
 */
public final class BrowserPage {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final DevTools devTools;
  private final String sessionId;
  private final Path screenshots;
  private final PageLog log = new PageLog();
  private final AtomicInteger shots = new AtomicInteger();

  private BrowserPage(DevTools devTools, String sessionId, Path screenshots) {
    this.devTools = devTools;
    this.sessionId = sessionId;
    this.screenshots = screenshots;
  }

  static BrowserPage attach(DevTools devTools, String sessionId, Path screenshots)
      throws IOException {
    BrowserPage page = new BrowserPage(devTools, sessionId, screenshots);
    devTools.listen(sessionId, page.log);
    for (String domain : new String[] {"Page", "Runtime", "Network", "Log"}) {
      page.send(domain + ".enable", null);
    }
    return page;
  }

  /** Navigates to {@code url} and waits until the document has loaded. */
  public BrowserPage open(String url) throws IOException {
    JsonNode result = send("Page.navigate", params().put("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IOException("could not open " + url + ": " + result.get("errorText").asText());
    }
    String loader = result.path("loaderId").asText("");
    if (!loader.isEmpty()) { // a new document, not a jump inside this one: wait until it is there
      waitForLog(l -> l.documentLoader().equals(loader), "the navigation to " + url);
    }
    waitUntil("document.readyState === 'complete'", "the page " + url + " to load");
    return this;
  }

  /** Waits until an element matches the CSS {@code selector}. */
  public BrowserPage waitFor(String selector) throws IOException {
    waitUntil("document.querySelector(" + literal(selector) + ") !== null", "selector " + selector);
    return this;
  }

  /** Waits until the page's visible text contains {@code text}. */
  public BrowserPage waitForText(String text) throws IOException {
    waitUntil(
        "document.body !== null && document.body.innerText.includes(" + literal(text) + ")",
        "the text \"" + text + "\"");
    return this;
  }

  /**
   * Waits until the page is still: no request in flight and no finite CSS animation or transition
   * running (endless ones, such as spinners, are ignored), e.g. before a screenshot.
   */
  public BrowserPage settle() throws IOException {
    waitForLog(l -> l.inFlight() == 0, "the page's requests to be answered");
    waitUntil(
        "document.getAnimations().every(a => a.playState !== 'running'"
            + " || a.effect.getComputedTiming().iterations === Infinity)",
        "the page's animations to end");
    return this;
  }

  /** Focuses the element matching {@code selector} and types {@code text} into it. */
  public BrowserPage type(String selector, String text) throws IOException {
    waitFor(selector);
    evaluate("document.querySelector(" + literal(selector) + ").focus()");
    send("Input.insertText", params().put("text", text));
    return this;
  }

  /** Replaces the value of the input matching {@code selector} by {@code text}, as typed. */
  public BrowserPage fill(String selector, String text) throws IOException {
    waitFor(selector);
    String input = "document.querySelector(" + literal(selector) + ")";
    evaluate(input + ".focus(); " + input + ".select()");
    send("Input.insertText", params().put("text", text));
    return this;
  }

  /** Presses and releases Enter in the focused element. */
  public BrowserPage pressEnter() throws IOException {
    for (String type : new String[] {"keyDown", "keyUp"}) {
      ObjectNode key =
          params()
              .put("type", type)
              .put("key", "Enter")
              .put("code", "Enter")
              .put("windowsVirtualKeyCode", 13);
      if (type.equals("keyDown")) {
        key.put("text", "\r");
      }
      send("Input.dispatchKeyEvent", key);
    }
    return this;
  }

  /** Clicks, with the mouse, the middle of the first element matching {@code selector}. */
  public BrowserPage click(String selector) throws IOException {
    waitFor(selector);
    return clickAt("document.querySelector(" + literal(selector) + ")", selector);
  }

  /**
   * Clicks the first element matching {@code selector} whose visible text contains {@code text},
   * waiting for one to appear.
   */
  public BrowserPage clickText(String selector, String text) throws IOException {
    String find =
        "Array.from(document.querySelectorAll("
            + literal(selector)
            + ")).find(e => e.innerText.includes("
            + literal(text)
            + "))";
    waitUntil(find + " !== undefined", selector + " with the text \"" + text + "\"");
    return clickAt(find, selector + " \"" + text + "\"");
  }

  private BrowserPage clickAt(String element, String what) throws IOException {
    JsonNode box =
        evaluate(
            "(() => { const e = "
                + element
                + "; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2,"
                + " w: r.width, h: r.height}; })()");
    if (box.path("w").asDouble() == 0 || box.path("h").asDouble() == 0) {
      throw new IOException("cannot click " + what + ": it has no size on the page");
    }
    for (String type : new String[] {"mouseMoved", "mousePressed", "mouseReleased"}) {
      send(
          "Input.dispatchMouseEvent",
          params()
              .put("type", type)
              .put("x", box.path("x").asDouble())
              .put("y", box.path("y").asDouble())
              .put("button", "left")
              .put("clickCount", type.equals("mouseMoved") ? 0 : 1));
    }
    return this;
  }

  /** The visible text of the first element matching {@code selector}. */
  public String text(String selector) throws IOException {
    waitFor(selector);
    return evaluate("document.querySelector(" + literal(selector) + ").innerText").asText();
  }

  /** The page's current URL. */
  public String url() throws IOException {
    return evaluate("location.href").asText();
  }

  /** Evaluates a JavaScript expression (promises awaited) and returns its value as JSON. */
  public JsonNode evaluate(String expression) throws IOException {
    JsonNode result =
        send(
            "Runtime.evaluate",
            params()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      JsonNode details = result.get("exceptionDetails");
      throw new IOException(
          "script failed: "
              + details.path("exception").path("description").asText(details.path("text").asText())
              + "\n  in: "
              + expression);
    }
    return result.path("result").path("value");
  }

  /**
   * Saves a PNG of the viewport as {@code target/screenshots/<test>/<NN>-<step>.png} and returns
   * its path.
   */
  public Path screenshot(String step) throws IOException {
    JsonNode shot = send("Page.captureScreenshot", params().put("format", "png"));
    Path file =
        screenshots.resolve(
            String.format(
                "%02d-%s.png", shots.incrementAndGet(), step.replaceAll("[^\\w.-]", "_")));
    Files.createDirectories(screenshots);
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    return file;
  }

  /** What the page logged so far: console errors, answers, failed requests. */
  public PageLog log() {
    return log;
  }

  /** Waits until {@code condition} holds for the page's log, e.g. a request was answered. */
  public BrowserPage waitForLog(Predicate<PageLog> condition, String what) throws IOException {
    waitUntil(() -> condition.test(log), what);
    return this;
  }

  private void waitUntil(String condition, String what) throws IOException {
    String guarded = "(() => { try { return " + condition + "; } catch (e) { return false; } })()";
    waitUntil(() -> evaluate(guarded).asBoolean(), what);
  }

  /** A condition that may need the browser to be asked. */
  private interface Check {
    boolean holds() throws IOException;
  }

  private void waitUntil(Check check, String what) throws IOException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!check.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "waited "
                + WAIT.toSeconds()
                + " s for "
                + what
                + " on "
                + url()
                + "\npage text: "
                + excerpt(evaluate("document.body ? document.body.innerText : ''").asText())
                + "\nconsole errors: "
                + log.consoleErrors()
                + "\nfailed requests: "
                + log.failures());
      }
      Chromium.pause();
    }
  }

  private static String excerpt(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 1500 ? flat.substring(0, 1500) + "…" : flat;
  }

  private JsonNode send(String method, ObjectNode params) throws IOException {
    return devTools.send(sessionId, method, params);
  }

  private static ObjectNode params() {
    return DevTools.JSON.createObjectNode();
  }

  private static String literal(String text) {
    try {
      return DevTools.JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
