package dev.cliproxy.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving each test a fresh Chromium: skipped without one (failed under {@code
 * CI=true}), a screenshot of every page and its log printed when the test fails, and the browser
 * stopped after every test, failed or not. Register it with {@code @RegisterExtension}.
 */
public final class ChromiumSession implements BeforeEachCallback, AfterEachCallback {
  private Chromium chromium;
  private final List<BrowserPage> pages = new ArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    chromium =
        Chromium.launch(
            Chromium.binaryOrSkip(),
            context.getRequiredTestClass().getSimpleName()
                + "/"
                + context.getDisplayName().replaceAll("\\W", ""));
  }

  /** Opens a new tab. */
  public BrowserPage newPage() throws IOException {
    BrowserPage page = chromium.newPage();
    pages.add(page);
    return page;
  }

  /** The running browser. */
  public Chromium chromium() {
    return chromium;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (chromium == null) {
      return;
    }
    try {
      if (context.getExecutionException().isPresent()) {
        for (BrowserPage page : pages) {
          keepEvidence(page);
        }
      }
    } finally {
      pages.clear();
      chromium.close();
      chromium = null;
    }
  }

  private static void keepEvidence(BrowserPage page) {
    try {
      System.out.println(
          "failed test's page: " + page.url() + " screenshot " + page.screenshot("failed"));
    } catch (IOException | RuntimeException e) {
      System.out.println("no screenshot of the failed page: " + e.getMessage());
    }
    System.out.println("console errors: " + page.log().consoleErrors());
    System.out.println("failed requests: " + page.log().failures());
  }
}
