package dev.cliproxy.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The proxy side of every cell as tab-separated lines (medians over rounds), for scripts such as
 * bench/compare that put two runs side by side: workload key, label, c, req/s, p50 ms, p99 ms,
 * proxy CPU µs per request, proxy CPU µs per upstream event (streams; "-" otherwise), errors.
 */
final class Summary {
  static final String HEADER =
      "workload\tlabel\tc\tper_second\tp50_ms\tp99_ms\tproxy_cpu_us_req\tproxy_cpu_us_event\terrors";

  private Summary() {}

  static void write(Results r, Path file) throws IOException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    long clk = r.options.clockTicks();
    for (Workload w : Workload.values()) {
      for (int c : r.options.concurrency()) {
        if (!r.ran(w, c, "proxy")) continue;
        out.append(
            String.format(
                Locale.ROOT, "%s\t%s\t%d\t%.1f\t%.3f\t%.3f\t%s\t%s\t%d%n", w.key, w.label, c,
                r.median(w, c, "proxy", Cell::perSecond),
                r.medianMs(w, c, "proxy", Cell::latency, 50),
                r.medianMs(w, c, "proxy", Cell::latency, 99),
                number(r.median(w, c, "proxy", x -> x.cpuMicrosPerRequest("proxy", clk))),
                number(r.median(w, c, "proxy", x -> x.cpuMicrosPerEvent("proxy", clk))),
                r.errors(w, c, "proxy")));
      }
    }
    Files.writeString(file, out);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }
}
