package dev.cliproxy.bench.load;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders {@link Results} as Markdown: targets first, then the detail tables. Every figure of a
 * cell is the median over its rounds; "added" is proxy minus direct of those medians.
 */
final class Report {
  private static final String D = "direct";
  private static final String P = "proxy";

  private final Results r;
  private final StringBuilder out = new StringBuilder();

  Report(Results r) {
    this.r = r;
  }

  String markdown() {
    Options o = r.options;
    line("## CLIProxy benchmark%s", o.selfTest() ? " (SELF-TEST: the \"proxy\" is the mock itself)" : "");
    line("");
    line(
        "%s, %d CPUs, driver JDK %s, %s. Cells: %d round(s) × %.0f s each (medians across"
            + " rounds), after %.0f s warm-up per workload and side. Load average before: %s;"
            + " after: %s.",
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
        o.label(), o.rounds(), o.seconds(), o.warmupSeconds(), r.loadBefore, r.loadAfter);
    line("");
    if (!r.skipped.isEmpty()) {
      line(
          "Not run: %s (the mock speaks OpenAI Chat only, and in a self-test it is the \"proxy\").",
          String.join("; ", r.skipped.stream().map(w -> w.label).toList()));
      line("");
    }
    targets();
    latencyTable(Workload.CHAT, "req/s");
    latencyTable(Workload.STREAM_200, "streams/s");
    pacedTable();
    claudeTable();
    processTable();
    return out.toString();
  }

  private void targets() {
    line("### Targets");
    line("");
    line("| metric | target | measured | result |");
    line("|---|---|---|---|");
    if (r.has(Workload.CHAT, 1)) {
      double added = added(Workload.CHAT, 1, Cell::latency, 50);
      verdict("added p50 latency, non-stream, c=1", "≤ 0.5 ms", ms(added), added <= 0.5);
    }
    if (r.has(Workload.PACED_40, 1)) {
      double transit = added(Workload.PACED_40, 1, Cell::transit, 50);
      verdict("added chunk delay p50, c=1 (transit: mock write → client read)", "≤ 0.1 ms", ms(transit), transit <= 0.1);
      double gap = added(Workload.PACED_40, 1, Cell::gaps, 50);
      verdict("added chunk inter-arrival p50, c=1", "≤ 0.1 ms", ms(gap), gap <= 0.1);
    }
    if (r.has(Workload.CHAT, 16)) {
      double d = r.median(Workload.CHAT, 16, D, Cell::perSecond);
      double p = r.median(Workload.CHAT, 16, P, Cell::perSecond);
      double share = 100 * p / d;
      verdict(
          "proxy throughput, non-stream, c=16", "≥ 25 % of direct",
          String.format(Locale.ROOT, "%.1f %% (%.0f of %.0f req/s)", share, p, d), share >= 25);
    }
    if (r.idleRssKb > 0) {
      verdict(
          "idle RSS (start + 1 request + " + r.options.idleSeconds() + " s)", "≤ 80 MB",
          mb(r.idleRssKb), r.idleRssKb <= 80 * 1024);
    } else {
      line("| idle RSS | ≤ 80 MB | not measured (no proxy pid) | n/a |");
    }
    for (Map.Entry<String, Samples> e : r.startup.entrySet()) {
      Samples s = e.getValue();
      double median = s.percentile(50) / 1e6;
      int failed = r.startupFailures.getOrDefault(e.getKey(), 0);
      verdict(
          "startup to first /healthz 200, " + e.getKey(), "≤ 1 s",
          String.format(
              Locale.ROOT, "%.0f ms median of %d (min %.0f, max %.0f)%s", median, s.size(),
              s.percentile(0.001) / 1e6, s.percentile(100) / 1e6,
              failed == 0 ? "" : ", " + failed + " FAILED"),
          median <= 1000 && failed == 0);
    }
    if (r.startup.isEmpty()) line("| startup | ≤ 1 s | not measured | n/a |");
    cpuTarget(Workload.CLAUDE_WHOLE, "request, Claude whole answer", 80, Cell::cpuMicrosPerRequest);
    cpuTarget(Workload.CLAUDE_STREAM_200, "event, Claude stream (÷ 200 upstream events)", 5, Cell::cpuMicrosPerEvent);
    line("");
  }

  /** An informative target on proxy CPU at c=16 (from the Claude → OpenAI-compatible issue). */
  private void cpuTarget(Workload w, String per, double maxMicros, CpuStat stat) {
    if (!r.ran(w)) return;
    String metric = "proxy CPU per " + per + ", c=16 (informative)";
    String target = String.format(Locale.ROOT, "≤ %.0f µs", maxMicros);
    double v = r.median(w, 16, P, c -> stat.of(c, "proxy", r.options.clockTicks()));
    if (Double.isNaN(v)) {
      String why = r.ran(w, 16, P) ? "no proxy pid" : "c=16 not run";
      line("| %s | %s | not measured (%s) | n/a |", metric, target, why);
    } else {
      verdict(metric, target, String.format(Locale.ROOT, "%.1f µs", v), v <= maxMicros);
    }
  }

  /** {@link Cell#cpuMicrosPerRequest} or {@link Cell#cpuMicrosPerEvent}. */
  @FunctionalInterface
  private interface CpuStat {
    double of(Cell cell, String process, long clockTicks);
  }

  private void latencyTable(Workload w, String unit) {
    if (!r.ran(w)) return;
    line("### %s (%s; latency = full response, ms)", w.label, unit);
    line("");
    line(
        "| c | direct %s | proxy %s | proxy/direct | p50 direct | p50 proxy | added p50 | p99 direct"
            + " | p99 proxy | added p99 | errors (direct/proxy) |",
        unit, unit);
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    for (int c : r.options.concurrency()) {
      if (!r.has(w, c)) continue;
      double d = r.median(w, c, D, Cell::perSecond);
      double p = r.median(w, c, P, Cell::perSecond);
      line(
          "| %d | %.0f | %.0f | %.1f %% | %s | %s |", c, d, p, 100 * p / d,
          triple(w, c, Cell::latency, 50), triple(w, c, Cell::latency, 99)
              + String.format(Locale.ROOT, " | %d / %d", r.errors(w, c, D), r.errors(w, c, P)));
    }
    errors(w);
    line("");
  }

  private void pacedTable() {
    Workload w = Workload.PACED_40;
    if (!r.ran(w)) return;
    line("### %s (ms)", w.label);
    line("");
    line("TTFB = request sent → first response byte; first event = → first `data:` event complete;");
    line("inter-arrival = gap between consecutive deltas at the client (the mock sleeps 5 ms);");
    line("transit = mock's write of a delta → its arrival at the client (same monotonic clock).");
    line("");
    line("| c | metric | p50 direct | p50 proxy | added p50 | p99 direct | p99 proxy | added p99 |");
    line("|---|---|---|---|---|---|---|---|");
    for (int c : r.options.concurrency()) {
      if (!r.has(w, c)) continue;
      line("| %d | TTFB | %s | %s |", c, triple(w, c, Cell::ttfb, 50), triple(w, c, Cell::ttfb, 99));
      line("| %d | first event | %s | %s |", c, triple(w, c, Cell::firstEvent, 50), triple(w, c, Cell::firstEvent, 99));
      line("| %d | chunk inter-arrival | %s | %s |", c, triple(w, c, Cell::gaps, 50), triple(w, c, Cell::gaps, 99));
      line("| %d | chunk transit | %s | %s |", c, triple(w, c, Cell::transit, 50), triple(w, c, Cell::transit, 99));
      line(
          "| %d | streams/s (errors) | %.1f (%d) | %.1f (%d) | | | | |", c,
          r.median(w, c, D, Cell::perSecond), r.errors(w, c, D),
          r.median(w, c, P, Cell::perSecond), r.errors(w, c, P));
    }
    errors(w);
    line("");
  }

  private void claudeTable() {
    if (!r.ran(Workload.CLAUDE_WHOLE) && !r.ran(Workload.CLAUDE_STREAM_200)) return;
    long clk = r.options.clockTicks();
    line("### Claude Messages client → proxy → OpenAI-compatible mock (proxy only; latency = full response, ms)");
    line("");
    line("`POST /v1/messages` with a 1.1 KB Claude conversation; the proxy translates it to Chat");
    line("Completions for the mock and the answer back (`message` JSON, or `message_start` …");
    line("`content_block_delta` × 200 … `message_stop`). The mock speaks OpenAI only, so there is no");
    line("direct side. CPU = utime + stime from /proc/PID/stat over a cell (CLK_TCK %d) ÷ completed", clk);
    line("requests; CPU/event = proxy CPU per stream ÷ 200 upstream content events.");
    line("");
    line(
        "| workload | c | proxy req/s | p50 | p99 | first event p50 | proxy CPU µs/req |"
            + " proxy CPU µs/event | mock CPU µs/req | driver CPU µs/req | errors |");
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Workload w : new Workload[] {Workload.CLAUDE_WHOLE, Workload.CLAUDE_STREAM_200}) {
      for (int c : r.options.concurrency()) {
        if (!r.ran(w, c, P)) continue;
        line(
            "| %s | %d | %.0f | %s | %s | %s | %s | %s | %s | %s | %d |", w.label, c,
            r.median(w, c, P, Cell::perSecond), fixed(r.medianMs(w, c, P, Cell::latency, 50)),
            fixed(r.medianMs(w, c, P, Cell::latency, 99)),
            w.stream ? fixed(r.medianMs(w, c, P, Cell::firstEvent, 50)) : "–",
            us(r.median(w, c, P, x -> x.cpuMicrosPerRequest("proxy", clk))),
            w.stream ? us1(r.median(w, c, P, x -> x.cpuMicrosPerEvent("proxy", clk))) : "–",
            us(r.median(w, c, P, x -> x.cpuMicrosPerRequest("mock", clk))),
            us(r.median(w, c, P, x -> x.cpuMicrosPerRequest("driver", clk))), r.errors(w, c, P));
      }
    }
    errors(Workload.CLAUDE_WHOLE);
    errors(Workload.CLAUDE_STREAM_200);
    line("");
  }

  private void processTable() {
    long clk = r.options.clockTicks();
    line("### Processes");
    line("");
    boolean twoSided = false;
    for (Workload w : Workload.values()) for (int c : r.options.concurrency()) twoSided |= r.has(w, c);
    if (twoSided) {
      line(
          "CPU = utime + stime from /proc/PID/stat over a cell (CLK_TCK %d, so ±10 ms per cell)"
              + " ÷ completed requests, in µs per request.",
          clk);
      line("");
      line("| workload | c | proxy CPU/req (proxied) | mock CPU/req (direct) | driver CPU/req (direct / proxied) |");
      line("|---|---|---|---|---|");
      for (Workload w : Workload.values()) {
        for (int c : r.options.concurrency()) {
          if (!r.has(w, c)) continue;
          line(
              "| %s | %d | %s | %s | %s / %s |", w.label, c,
              us(r.median(w, c, P, x -> x.cpuMicrosPerRequest("proxy", clk))),
              us(r.median(w, c, D, x -> x.cpuMicrosPerRequest("mock", clk))),
              us(r.median(w, c, D, x -> x.cpuMicrosPerRequest("driver", clk))),
              us(r.median(w, c, P, x -> x.cpuMicrosPerRequest("driver", clk))));
        }
      }
      line("");
    }
    line("| proxy process | value |");
    line("|---|---|");
    line("| idle RSS (VmRSS after start + 1 request + %d s idle) | %s |", r.options.idleSeconds(), mb(r.idleRssKb));
    line("| peak RSS (VmHWM at end) | %s |", mb(r.peakRssKb));
    line("| RSS at end | %s |", mb(r.endRssKb));
    line("| threads at end | %s |", r.endThreads < 0 ? "n/a" : Long.toString(r.endThreads));
    line("");
  }

  /** "direct | proxy | added" of one percentile, in ms. */
  private String triple(Workload w, int c, Function<Cell, Samples> samples, double q) {
    double d = r.medianMs(w, c, D, samples, q);
    double p = r.medianMs(w, c, P, samples, q);
    return fixed(d) + " | " + fixed(p) + " | " + signed(p - d);
  }

  private double added(Workload w, int c, Function<Cell, Samples> samples, double q) {
    return r.medianMs(w, c, P, samples, q) - r.medianMs(w, c, D, samples, q);
  }

  /** One line per side and concurrency that had errors: total over rounds and the last one. */
  private void errors(Workload w) {
    for (int c : r.options.concurrency()) {
      for (String side : new String[] {D, P}) {
        long n = r.errors(w, c, side);
        if (n > 0) {
          line("");
          line("> %s c=%d: %d errors over all rounds, last: %s", side, c, n, r.lastError(w, c, side));
        }
      }
    }
  }

  private void verdict(String metric, String target, String measured, boolean ok) {
    line("| %s | %s | %s | %s |", metric, target, measured, ok ? "PASS" : "**FAIL**");
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String signed(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.3f", v);
  }

  private static String ms(double v) {
    return signed(v) + " ms";
  }

  private static String us(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String us1(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String mb(long kb) {
    return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
