package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium for the browser tests, started on a fresh profile with DevTools on a
 * free port and driven over the DevTools protocol. {@link #close()} kills its whole process tree.
 */
public final class Chromium implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final DevTools devTools;
  private final Path screenshots;
  private final Thread killOnExit;

  private Chromium(Process process, Path profile, DevTools devTools, Path screenshots) {
    this.process = process;
    this.profile = profile;
    this.devTools = devTools;
    this.screenshots = screenshots;
    // a test JVM stopped before close() (a timeout, Ctrl-C) takes the browser with it
    this.killOnExit = new Thread(() -> kill(process), "chromium-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * The installed {@code chromium}; without one the calling test is skipped (aborted) with a
   * message saying how to install it, or failed when {@code CI=true}, where the browser tests must
   * run.
   */
  public static Path binaryOrSkip() {
    return binaryOrSkip(installed(), System.getenv("CI"));
  }

  static Path binaryOrSkip(Optional<Path> binary, String ci) {
    if (binary.isEmpty()) {
      String missing = "no chromium on this machine (apt-get install chromium)";
      if ("true".equalsIgnoreCase(ci)) {
        throw new AssertionError("CI=true and the browser tests must run, but " + missing);
      }
      Assumptions.abort("browser test skipped: " + missing);
    }
    return binary.orElseThrow();
  }

  static Optional<Path> installed() {
    Stream<Path> onPath =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, "chromium"));
    return Stream.concat(Stream.of(Path.of("/usr/bin/chromium")), onPath)
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts Chromium; screenshots of its pages go to {@code target/screenshots/<artefacts>/}. Only
   * 127.0.0.1 and localhost resolve in it, so a page cannot reach anything else.
   */
  public static Chromium launch(Path binary, String artefacts) throws Exception {
    Path profile = Files.createTempDirectory("cliproxy-chromium-");
    Path log = profile.resolve("chromium.log");
    List<String> command =
        List.of(
            binary.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--remote-debugging-port=0",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            "--window-size=1280,900",
            "--lang=en-US",
            "about:blank");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      URI endpoint = endpointOf(process, profile, log);
      DevTools devTools = DevTools.connect(endpoint);
      return new Chromium(process, profile, devTools, Path.of("target", "screenshots", artefacts));
    } catch (Exception e) {
      kill(process);
      deleteTree(profile);
      throw e;
    }
  }

  /** Reads the DevTools endpoint from {@code DevToolsActivePort} once Chromium has written it. */
  private static URI endpointOf(Process process, Path profile, Path log) throws IOException {
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "chromium exited with "
                + process.exitValue()
                + " before DevTools was up:\n"
                + tail(log));
      }
      List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
      if (lines.size() >= 2 && !lines.get(1).isBlank()) {
        return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
      }
      pause();
    }
    throw new IOException(
        "chromium wrote no DevToolsActivePort in " + START_TIMEOUT + ":\n" + tail(log));
  }

  /** Opens a new tab and attaches to it. */
  public BrowserPage newPage() throws IOException {
    JsonNode target =
        devTools.send(
            "Target.createTarget", DevTools.JSON.createObjectNode().put("url", "about:blank"));
    JsonNode attached =
        devTools.send(
            "Target.attachToTarget",
            DevTools.JSON
                .createObjectNode()
                .put("targetId", target.path("targetId").asText())
                .put("flatten", true));
    return BrowserPage.attach(devTools, attached.path("sessionId").asText(), screenshots);
  }

  /** Where this browser's screenshots (and a test's other artefacts) go. */
  public Path artefacts() {
    return screenshots;
  }

  /** Chromium's processes now: the launched one and its descendants. */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  @Override
  public void close() {
    try {
      devTools.close();
    } catch (Exception e) {
      // the browser is killed below either way
    } finally {
      kill(process);
      deleteTree(profile);
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs (harmlessly) once more
      }
    }
  }

  private static void kill(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a process that will not die is reported by the test that looks at processes()
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp profile left behind is harmless
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for chromium", e);
    }
  }
}
