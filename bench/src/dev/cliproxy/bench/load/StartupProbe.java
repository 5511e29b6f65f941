package dev.cliproxy.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Startup time of a server process: wall time from spawning it until GET /healthz first answers
 * 200, polled every 5 ms. Every process it starts is stopped again, also when the JVM exits.
 */
final class StartupProbe {
  private static final long POLL_MS = 5;
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "stop-children"));
  }

  private StartupProbe() {}

  /** Milliseconds to the first 200, or -1 if the process died or the timeout passed first. */
  static double once(List<String> command, int port, Path log, long timeoutMs)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    LIVE.add(p);
    try {
      while (p.isAlive() && System.nanoTime() - t0 < timeoutMs * 1_000_000) {
        if (Health.status(port, 1000) == 200) return (System.nanoTime() - t0) / 1e6;
        Thread.sleep(POLL_MS);
      }
      return -1;
    } finally {
      stop(p);
      LIVE.remove(p);
    }
  }

  /** SIGTERM, so the JVM exits normally (and writes its class-data archive), then SIGKILL. */
  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
