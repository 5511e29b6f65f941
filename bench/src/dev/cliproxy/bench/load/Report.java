package dev.cliproxy.bench.load;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Renders {@link Results} as Markdown: targets first, then the detail tables. */
final class Report {
  private static final double MS = 1e6;

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
        "%s, %d CPUs, driver JDK %s, %s; %.0f s per cell after %.0f s warm-up per workload and"
            + " target; load average before %s, after %s.",
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
        o.label(), o.seconds(), o.warmupSeconds(), r.loadBefore, r.loadAfter);
    line("");
    targets();
    latencyTable(Workload.CHAT, "req/s");
    latencyTable(Workload.STREAM_200, "streams/s");
    pacedTable();
    processTable();
    return out.toString();
  }

  private void targets() {
    line("### Targets");
    line("");
    line("| metric | target | measured | result |");
    line("|---|---|---|---|");
    Cell d1 = r.cell(Workload.CHAT, 1, "direct");
    Cell p1 = r.cell(Workload.CHAT, 1, "proxy");
    if (d1 != null && p1 != null) {
      double added = (p1.latency().percentile(50) - d1.latency().percentile(50)) / MS;
      verdict("added p50 latency, non-stream, c=1", "≤ 0.5 ms", ms(added), added <= 0.5);
    }
    Cell dp = r.cell(Workload.PACED_40, 1, "direct");
    Cell pp = r.cell(Workload.PACED_40, 1, "proxy");
    if (dp != null && pp != null) {
      double transit = (pp.transit().percentile(50) - dp.transit().percentile(50)) / MS;
      verdict("added chunk delay p50, c=1 (mock write → client read)", "≤ 0.1 ms", ms(transit), transit <= 0.1);
      double gap = (pp.gaps().percentile(50) - dp.gaps().percentile(50)) / MS;
      verdict("added chunk inter-arrival p50, c=1", "≤ 0.1 ms", ms(gap), gap <= 0.1);
    }
    Cell d16 = r.cell(Workload.CHAT, 16, "direct");
    Cell p16 = r.cell(Workload.CHAT, 16, "proxy");
    if (d16 != null && p16 != null && d16.perSecond() > 0) {
      double share = 100 * p16.perSecond() / d16.perSecond();
      verdict(
          "proxy throughput, non-stream, c=16", "≥ 25 % of direct",
          String.format(Locale.ROOT, "%.1f %% (%.0f of %.0f req/s)", share, p16.perSecond(), d16.perSecond()),
          share >= 25);
    }
    if (r.idleRssKb > 0) {
      verdict("idle RSS (start + 1 request + " + r.options.idleSeconds() + " s)", "≤ 80 MB", mb(r.idleRssKb), r.idleRssKb <= 80 * 1024);
    } else {
      line("| idle RSS | ≤ 80 MB | not measured (no proxy pid) | n/a |");
    }
    for (Map.Entry<String, Samples> e : r.startup.entrySet()) {
      Samples s = e.getValue();
      double median = s.percentile(50) / MS;
      verdict(
          "startup to first /healthz 200, " + e.getKey(),
          "≤ 1 s",
          String.format(
              Locale.ROOT, "%.0f ms median of %d (min %.0f, max %.0f)%s", median, s.size(),
              s.percentile(0.001) / MS, s.percentile(100) / MS, failures(e.getKey())),
          median <= 1000 && r.startupFailures.getOrDefault(e.getKey(), 0) == 0);
    }
    if (r.startup.isEmpty()) line("| startup | ≤ 1 s | not measured | n/a |");
    line("");
  }

  private void latencyTable(Workload w, String unit) {
    line("### %s (%s; latency = full response, ms)", w.label, unit);
    line("");
    line("| c | direct %s | proxy %s | proxy/direct | p50 direct | p50 proxy | added p50 | p99 direct | p99 proxy | added p99 | errors (direct/proxy) |", unit, unit);
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    for (int c : r.options.concurrency()) {
      Cell d = r.cell(w, c, "direct");
      Cell p = r.cell(w, c, "proxy");
      if (d == null || p == null) continue;
      line(
          "| %d | %.0f | %.0f | %.1f %% | %s | %s | %s | %s | %s | %s | %d / %d |",
          c, d.perSecond(), p.perSecond(), 100 * p.perSecond() / d.perSecond(),
          ms(d.latency(), 50), ms(p.latency(), 50), added(d.latency(), p.latency(), 50),
          ms(d.latency(), 99), ms(p.latency(), 99), added(d.latency(), p.latency(), 99),
          d.errors(), p.errors());
    }
    errors(w);
    line("");
  }

  private void pacedTable() {
    Workload w = Workload.PACED_40;
    line("### %s (ms)", w.label);
    line("");
    line("TTFB = request sent → first response byte; first event = → first `data:` event complete;");
    line("inter-arrival = gap between consecutive deltas at the client (the mock sleeps 5 ms);");
    line("transit = mock's write of a delta → its arrival at the client (same monotonic clock).");
    line("");
    line("| c | metric | p50 direct | p50 proxy | added p50 | p99 direct | p99 proxy | added p99 |");
    line("|---|---|---|---|---|---|---|---|");
    for (int c : r.options.concurrency()) {
      Cell d = r.cell(w, c, "direct");
      Cell p = r.cell(w, c, "proxy");
      if (d == null || p == null) continue;
      pacedRow(c, "TTFB", d.ttfb(), p.ttfb());
      pacedRow(c, "first event", d.firstEvent(), p.firstEvent());
      pacedRow(c, "chunk inter-arrival", d.gaps(), p.gaps());
      pacedRow(c, "chunk transit", d.transit(), p.transit());
      line("| %d | streams/s (errors) | %.1f (%d) | %.1f (%d) | | | | |", c, d.perSecond(), d.errors(), p.perSecond(), p.errors());
    }
    errors(w);
    line("");
  }

  private void pacedRow(int c, String metric, Samples d, Samples p) {
    line(
        "| %d | %s | %s | %s | %s | %s | %s | %s |", c, metric, ms(d, 50), ms(p, 50),
        added(d, p, 50), ms(d, 99), ms(p, 99), added(d, p, 99));
  }

  private void processTable() {
    long clk = r.options.clockTicks();
    line("### Processes");
    line("");
    line("CPU = utime + stime from /proc/PID/stat over the cell (CLK_TCK %d) ÷ completed requests, µs per request.", clk);
    line("");
    line("| workload | c | proxy CPU/req (proxied) | mock CPU/req (direct) | driver CPU/req (direct / proxied) |");
    line("|---|---|---|---|---|");
    for (Workload w : Workload.values()) {
      for (int c : r.options.concurrency()) {
        Cell d = r.cell(w, c, "direct");
        Cell p = r.cell(w, c, "proxy");
        if (d == null || p == null) continue;
        line(
            "| %s | %d | %s | %s | %s / %s |", w.label, c, us(p.cpuMicrosPerRequest("proxy", clk)),
            us(d.cpuMicrosPerRequest("mock", clk)), us(d.cpuMicrosPerRequest("driver", clk)),
            us(p.cpuMicrosPerRequest("driver", clk)));
      }
    }
    line("");
    line("| proxy process | value |");
    line("|---|---|");
    line("| idle RSS (VmRSS after start + 1 request + %d s idle) | %s |", r.options.idleSeconds(), mb(r.idleRssKb));
    line("| peak RSS (VmHWM at end) | %s |", mb(r.peakRssKb));
    line("| RSS at end | %s |", mb(r.endRssKb));
    line("| threads at end | %s |", r.endThreads < 0 ? "n/a" : Long.toString(r.endThreads));
    line("");
  }

  private void errors(Workload w) {
    for (Cell c : r.cells) {
      if (c.workload() == w && c.errors() > 0) {
        line("");
        line("> %s c=%d: %d errors, last: %s", c.target().name(), c.concurrency(), c.errors(), c.lastError());
      }
    }
  }

  private String failures(String variant) {
    int f = r.startupFailures.getOrDefault(variant, 0);
    return f == 0 ? "" : ", " + f + " FAILED";
  }

  private void verdict(String metric, String target, String measured, boolean ok) {
    line("| %s | %s | %s | %s |", metric, target, measured, ok ? "PASS" : "**FAIL**");
  }

  private static String ms(Samples s, double q) {
    return s.size() == 0 ? "–" : String.format(Locale.ROOT, "%.3f", s.percentile(q) / MS);
  }

  private static String added(Samples d, Samples p, double q) {
    if (d.size() == 0 || p.size() == 0) return "–";
    return signed((p.percentile(q) - d.percentile(q)) / MS);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.3f", v);
  }

  private static String ms(double v) {
    return signed(v) + " ms";
  }

  private static String us(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String mb(long kb) {
    return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
