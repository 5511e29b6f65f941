package dev.cliproxy.auth.oauth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a URL in the user's browser, answering false instead of throwing when it cannot, so the
 * login can fall back to printing the URL.
 */
public final class BrowserOpener {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserOpener.class);

  /** Opens through the Java desktop integration; false when it is not available here. */
  @FunctionalInterface
  public interface DesktopBrowser {
    boolean browse(URI uri) throws IOException;
  }

  /** Starts a command; false when it could not start or failed at once. */
  @FunctionalInterface
  public interface CommandLauncher {
    boolean launch(List<String> command) throws IOException, InterruptedException;
  }

  private final String osName;
  private final Map<String, String> environment;
  private final DesktopBrowser desktop;
  private final CommandLauncher launcher;

  public BrowserOpener(
      String osName,
      Map<String, String> environment,
      DesktopBrowser desktop,
      CommandLauncher launcher) {
    this.osName = osName.toLowerCase(Locale.ROOT);
    this.environment = Map.copyOf(environment);
    this.desktop = desktop;
    this.launcher = launcher;
  }

  /** The opener for this machine: java.awt.Desktop, else the platform's open command. */
  public static BrowserOpener system() {
    return new BrowserOpener(
        System.getProperty("os.name", ""),
        System.getenv(),
        BrowserOpener::awtBrowse,
        BrowserOpener::startAndCheck);
  }

  /** Tries to show {@code uri} (http or https only); true when a browser was asked to open it. */
  public boolean open(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      LOG.warn("Not opening a browser for a {} address", scheme.isEmpty() ? "relative" : scheme);
      return false;
    }
    try {
      if (desktop.browse(uri)) {
        return true;
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Desktop browse failed: {}", e.toString());
    }
    for (List<String> command : commandsFor(uri)) {
      try {
        if (launcher.launch(command)) {
          return true;
        }
      } catch (IOException e) {
        LOG.debug("{} could not start: {}", command.get(0), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** The commands to try in order; none on a Linux host without a graphical session. */
  List<List<String>> commandsFor(URI uri) {
    String url = uri.toASCIIString();
    if (osName.startsWith("windows")) {
      return List.of(List.of("rundll32", "url.dll,FileProtocolHandler", url));
    }
    if (osName.startsWith("mac")) {
      return List.of(List.of("open", url));
    }
    if (!hasValue("DISPLAY") && !hasValue("WAYLAND_DISPLAY")) {
      // Over SSH, xdg-open would start a text browser in our terminal, or nothing at all.
      return List.of();
    }
    return List.of(List.of("xdg-open", url), List.of("x-www-browser", url));
  }

  private boolean hasValue(String name) {
    String value = environment.get(name);
    return value != null && !value.isBlank();
  }

  private static boolean awtBrowse(URI uri) throws IOException {
    if (GraphicsEnvironment.isHeadless()
        || !Desktop.isDesktopSupported()
        || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
      return false;
    }
    Desktop.getDesktop().browse(uri);
    return true;
  }

  /** Starts the command and gives it two seconds to fail; still running or exit 0 is success. */
  private static boolean startAndCheck(List<String> command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.DISCARD.file())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(2, TimeUnit.SECONDS)) {
      return true;
    }
    return process.exitValue() == 0;
  }
}
