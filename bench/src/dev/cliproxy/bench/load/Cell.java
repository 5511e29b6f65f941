package dev.cliproxy.bench.load;

import java.util.Map;

/**
 * The outcome of one workload at one concurrency against one target.
 *
 * @param cpuTicks CPU clock ticks (utime + stime) each watched process used during the cell
 */
record Cell(
    Workload workload,
    Target target,
    int concurrency,
    long completed,
    long errors,
    String lastError,
    long elapsedNanos,
    Samples latency,
    Samples ttfb,
    Samples firstEvent,
    Samples gaps,
    Samples transit,
    Map<String, Long> cpuTicks) {

  double perSecond() {
    return elapsedNanos == 0 ? 0 : completed / (elapsedNanos / 1e9);
  }

  /** CPU microseconds per completed request of one watched process; NaN when unknown. */
  double cpuMicrosPerRequest(String process, long clockTicksPerSecond) {
    Long ticks = cpuTicks.get(process);
    if (ticks == null || completed == 0) return Double.NaN;
    return ticks * 1e6 / clockTicksPerSecond / completed;
  }

  /**
   * CPU microseconds per upstream content event of a stream workload: CPU per stream divided by
   * the deltas the mock sends (200 for a 200-event stream; its finish, usage and [DONE] events
   * are not counted). NaN for a non-stream workload or when unknown.
   */
  double cpuMicrosPerEvent(String process, long clockTicksPerSecond) {
    if (!workload.stream || workload.events <= 0) return Double.NaN;
    return cpuMicrosPerRequest(process, clockTicksPerSecond) / workload.events;
  }
}
