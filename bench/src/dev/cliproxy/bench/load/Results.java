package dev.cliproxy.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Everything one benchmark run measured, for {@link Report}. */
final class Results {
  final Options options;
  final List<Cell> cells = new ArrayList<>();
  final List<Workload> skipped = new ArrayList<>(); // selected but not run (self-test)
  final Map<String, Samples> startup = new LinkedHashMap<>(); // variant -> wall times (ns)
  final Map<String, Integer> startupFailures = new LinkedHashMap<>();
  long idleRssKb = -1;
  long peakRssKb = -1;
  long endRssKb = -1;
  long endThreads = -1;
  String loadBefore = "?";
  String loadAfter = "?";

  Results(Options options) {
    this.options = options;
  }

  /** The median over rounds of one statistic of a cell; NaN when there is no such cell. */
  double median(Workload w, int concurrency, String target, ToDoubleFunction<Cell> stat) {
    double[] v =
        matching(w, concurrency, target).stream().mapToDouble(stat).sorted().toArray();
    if (v.length == 0) return Double.NaN;
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Median over rounds of a percentile (0..100) of one sample list of a cell, in ms. */
  double medianMs(Workload w, int concurrency, String target, Function<Cell, Samples> samples, double q) {
    return median(w, concurrency, target, c -> samples.apply(c).percentile(q) / 1e6);
  }

  long errors(Workload w, int concurrency, String target) {
    return matching(w, concurrency, target).stream().mapToLong(Cell::errors).sum();
  }

  String lastError(Workload w, int concurrency, String target) {
    String last = null;
    for (Cell c : matching(w, concurrency, target)) if (c.lastError() != null) last = c.lastError();
    return last;
  }

  /** Both sides ran this cell. */
  boolean has(Workload w, int concurrency) {
    return ran(w, concurrency, "direct") && ran(w, concurrency, "proxy");
  }

  boolean ran(Workload w, int concurrency, String target) {
    return !matching(w, concurrency, target).isEmpty();
  }

  /** Any cell of this workload ran. */
  boolean ran(Workload w) {
    return cells.stream().anyMatch(c -> c.workload() == w);
  }

  private List<Cell> matching(Workload w, int concurrency, String target) {
    return cells.stream()
        .filter(c -> c.workload() == w && c.concurrency() == concurrency)
        .filter(c -> c.target().name().equals(target))
        .toList();
  }
}
