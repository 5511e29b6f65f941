package dev.cliproxy.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@link BenchMain}; bench/run fills them in. */
record Options(
    String directUrl,
    String proxyUrl,
    long proxyPid,
    long mockPid,
    double seconds,
    int rounds,
    double warmupSeconds,
    int[] concurrency,
    long clockTicks,
    long idleSeconds,
    int startupRuns,
    int startupPort,
    String startupSwap,
    List<String> launcherCommand,
    Path logDir,
    String label,
    boolean selfTest,
    List<Workload> workloads,
    long maxSeconds) {

  static Options parse(String[] args) throws IOException {
    String direct = "http://127.0.0.1:18400/v1";
    String proxy = "http://127.0.0.1:18317/v1";
    long proxyPid = -1;
    long mockPid = -1;
    double seconds = 3;
    int rounds = 3;
    double warmup = 3;
    int[] conc = {1, 16, 64};
    long clk = 100;
    long idle = 3;
    int runs = 5;
    int startupPort = -1;
    String swap = null;
    List<String> launcher = List.of();
    Path logDir = Path.of(System.getProperty("java.io.tmpdir"));
    String label = "";
    boolean self = false;
    List<Workload> workloads = Workload.select("all");
    long max = 1200;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--self-test")) {
        self = true;
        continue;
      }
      if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a);
      String v = args[++i];
      switch (a) {
        case "--direct" -> direct = v;
        case "--proxy" -> proxy = v;
        case "--proxy-pid" -> proxyPid = Long.parseLong(v);
        case "--mock-pid" -> mockPid = Long.parseLong(v);
        case "--seconds" -> seconds = Double.parseDouble(v);
        case "--rounds" -> rounds = Math.max(1, Integer.parseInt(v));
        case "--warmup" -> warmup = Double.parseDouble(v);
        case "--concurrency" -> conc = parseInts(v);
        case "--clk-tck" -> clk = Long.parseLong(v);
        case "--idle-seconds" -> idle = Long.parseLong(v);
        case "--startup-runs" -> runs = Integer.parseInt(v);
        case "--startup-port" -> startupPort = Integer.parseInt(v);
        case "--startup-swap" -> swap = v;
        case "--startup-launcher" -> launcher = lines(Path.of(v));
        case "--log-dir" -> logDir = Path.of(v);
        case "--label" -> label = v;
        case "--workloads" -> workloads = Workload.select(v);
        case "--max-seconds" -> max = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new Options(
        direct, proxy, proxyPid, mockPid, seconds, rounds, warmup, conc, clk, idle, runs, startupPort,
        swap, launcher, logDir, label, self, workloads, max);
  }

  /** The proxy's own command line with one argument swapped (its config or port). */
  List<String> javaCommand() throws IOException {
    if (proxyPid < 0 || startupSwap == null) return List.of();
    String[] kv = startupSwap.split("=", 2);
    List<String> cmd = new ArrayList<>();
    for (String arg : Proc.commandLine(proxyPid)) cmd.add(arg.equals(kv[0]) ? kv[1] : arg);
    return cmd;
  }

  private static int[] parseInts(String csv) {
    String[] parts = csv.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i].trim());
    return out;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(s -> !s.isEmpty()).toList();
  }
}
