package dev.cliproxy.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs one cell: N virtual-thread workers for a fixed time, with CPU accounting around it. */
final class LoadRunner {
  private final Map<String, Long> watched; // process name -> pid

  LoadRunner(Map<String, Long> watched) {
    this.watched = watched;
  }

  Cell run(Target target, Workload workload, int concurrency, double seconds)
      throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    long begin = System.nanoTime();
    long deadline = begin + (long) (seconds * 1e9);
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Worker w = new Worker(target, workload, deadline, start);
      workers.add(w);
      threads.add(Thread.ofVirtual().name("load-" + i).start(w));
    }
    Map<String, Long> before = ticks();
    start.countDown();
    Duration grace = Duration.ofMillis(2L * ClientConnection.TIMEOUT_MS + 1000);
    for (Thread t : threads) {
      t.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plus(grace));
      if (t.isAlive()) t.interrupt(); // bounded: a stuck worker gives up its cell
    }
    Map<String, Long> after = ticks();
    Map<String, Long> used = new LinkedHashMap<>();
    after.forEach((name, t) -> used.put(name, t - before.getOrDefault(name, t)));
    return merge(target, workload, concurrency, begin, workers, used);
  }

  private static Cell merge(
      Target target,
      Workload workload,
      int concurrency,
      long begin,
      List<Worker> workers,
      Map<String, Long> used) {
    Samples latency = new Samples();
    Samples ttfb = new Samples();
    Samples firstEvent = new Samples();
    Samples gaps = new Samples();
    Samples transit = new Samples();
    long completed = 0;
    long errors = 0;
    long end = begin;
    String lastError = null;
    for (Worker w : workers) {
      latency.addAll(w.latency);
      ttfb.addAll(w.ttfb);
      firstEvent.addAll(w.firstEvent);
      gaps.addAll(w.gaps);
      transit.addAll(w.transit);
      completed += w.completed;
      errors += w.errors;
      end = Math.max(end, w.endNanos);
      if (w.lastError != null) lastError = w.lastError;
    }
    return new Cell(
        workload, target, concurrency, completed, errors, lastError, end - begin, latency, ttfb,
        firstEvent, gaps, transit, used);
  }

  private Map<String, Long> ticks() {
    Map<String, Long> m = new LinkedHashMap<>();
    watched.forEach(
        (name, pid) -> {
          long t = Proc.cpuTicks(pid);
          if (t >= 0) m.put(name, t);
        });
    return m;
  }
}
