package dev.cliproxy.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver: checks both targets, measures the proxy's idle memory and startup, warms
 * both targets up, runs every selected workload at every concurrency against the mock directly
 * and through the proxy (interleaved; workloads in a dialect the mock does not speak run through
 * the proxy only), and prints a Markdown report on stdout. Progress goes to stderr. Started by
 * bench/run, which also starts and stops the mock and the proxy.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Thread.ofPlatform().daemon().name("watchdog").start(() -> exitAfter(o.maxSeconds()));
    try {
      Results results = run(o);
      System.out.print(new Report(results).markdown());
      System.out.flush();
      Summary.write(results, o.logDir().resolve("summary.tsv"));
    } catch (IllegalStateException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
    }
    System.exit(0);
  }

  private static Results run(Options o) throws Exception {
    Target direct = Target.of("direct", o.directUrl());
    Target proxy = Target.of("proxy", o.proxyUrl());
    Results r = new Results(o);
    r.loadBefore = Proc.loadAverage();
    awaitHealthy(direct, "mock upstream");
    awaitHealthy(proxy, "proxy");

    List<Workload> workloads = new ArrayList<>();
    for (Workload w : o.workloads()) {
      // in a self-test the "proxy" is the mock, which speaks OpenAI Chat only
      if (o.selfTest() && !w.dialect.direct()) r.skipped.add(w);
      else workloads.add(w);
    }
    Preflight.whole(direct, Dialect.OPENAI_CHAT);
    Preflight.whole(proxy, Dialect.OPENAI_CHAT); // the proxy's one request before idle RSS is read
    if (o.proxyPid() > 0) {
      log("idle for %d s, then reading the proxy's VmRSS", o.idleSeconds());
      Thread.sleep(o.idleSeconds() * 1000);
      r.idleRssKb = Proc.status(o.proxyPid(), "VmRSS");
    }
    Preflight.stream(direct, Dialect.OPENAI_CHAT);
    Preflight.stream(proxy, Dialect.OPENAI_CHAT);
    if (workloads.stream().anyMatch(w -> w.dialect == Dialect.CLAUDE_MESSAGES)) {
      Preflight.whole(proxy, Dialect.CLAUDE_MESSAGES);
      Preflight.stream(proxy, Dialect.CLAUDE_MESSAGES);
    }

    measureStartup(o, r);

    Map<String, Long> watched = new LinkedHashMap<>();
    if (o.proxyPid() > 0) watched.put("proxy", o.proxyPid());
    if (o.mockPid() > 0) watched.put("mock", o.mockPid());
    watched.put("driver", ProcessHandle.current().pid());
    LoadRunner runner = new LoadRunner(watched);
    for (Workload w : workloads) {
      List<Target> sides = w.dialect.direct() ? List.of(direct, proxy) : List.of(proxy);
      for (Target t : sides) { // right before the cells of the same workload
        log("warm-up: %s, %s, c=16, %.0f s", t.name(), w.label, o.warmupSeconds());
        runner.run(t, w, 16, o.warmupSeconds());
      }
      // rounds spread each cell over time (the report takes medians across rounds); within a
      // round the side that goes first alternates, so neither always follows the warm-up
      int turn = 0;
      for (int round = 1; round <= o.rounds(); round++) {
        for (int c : o.concurrency()) {
          for (Target t : turn++ % 2 == 0 ? sides : sides.reversed()) {
            Cell cell = runner.run(t, w, c, o.seconds());
            r.cells.add(cell);
            log(
                "round %d %-6s %-29s c=%-3d %9.1f/s  p50 %8.3f ms  p99 %8.3f ms  errors %d%s",
                round, t.name(), w.label, c, cell.perSecond(), cell.latency().percentile(50) / 1e6,
                cell.latency().percentile(99) / 1e6, cell.errors(),
                cell.lastError() == null ? "" : " (" + cell.lastError() + ")");
          }
        }
      }
    }
    if (o.proxyPid() > 0) {
      r.peakRssKb = Proc.status(o.proxyPid(), "VmHWM");
      r.endRssKb = Proc.status(o.proxyPid(), "VmRSS");
      r.endThreads = Proc.status(o.proxyPid(), "Threads");
    }
    r.loadAfter = Proc.loadAverage();
    return r;
  }

  private static void measureStartup(Options o, Results r) throws Exception {
    if (o.startupPort() <= 0 || o.startupRuns() <= 0) return;
    Map<String, List<String>> variants = new LinkedHashMap<>();
    if (!o.launcherCommand().isEmpty()) variants.put("./cli-proxy-api launcher", o.launcherCommand());
    List<String> java = o.javaCommand();
    if (!java.isEmpty()) {
      variants.put(o.selfTest() ? "mock JVM (self-test)" : "java -jar, launcher's JVM flags", java);
    }
    int n = 0;
    for (int run = -1; run < o.startupRuns(); run++) { // run -1 warms the class-data archive
      for (var v : variants.entrySet()) {
        Path logFile = o.logDir().resolve("startup-" + (n++) + ".log");
        double ms = StartupProbe.once(v.getValue(), o.startupPort(), logFile, 30_000);
        log("startup %-32s run %d: %s", v.getKey(), run, ms < 0 ? "FAILED, see " + logFile : ms + " ms");
        if (run < 0) continue;
        if (ms < 0) r.startupFailures.merge(v.getKey(), 1, Integer::sum);
        else r.startup.computeIfAbsent(v.getKey(), k -> new Samples()).add((long) (ms * 1e6));
      }
    }
  }

  private static void awaitHealthy(Target t, String what) throws InterruptedException {
    if (!Health.await(t.port(), 30_000, 20)) {
      throw new IllegalStateException(
          what + " on 127.0.0.1:" + t.port() + " did not answer GET /healthz with 200 in 30 s");
    }
  }

  private static void exitAfter(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      return;
    }
    System.err.println("bench: time limit of " + seconds + " s reached, giving up");
    System.exit(3); // runs the hook that stops startup children
  }

  static void log(String format, Object... args) {
    System.err.printf("[bench] " + format + "%n", args);
  }
}
