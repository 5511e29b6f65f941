package dev.cliproxy.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured, for {@link Report}. */
final class Results {
  final Options options;
  final List<Cell> cells = new ArrayList<>();
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

  Cell cell(Workload w, int concurrency, String target) {
    for (Cell c : cells) {
      if (c.workload() == w && c.concurrency() == concurrency && c.target().name().equals(target)) {
        return c;
      }
    }
    return null;
  }
}
