package dev.cliproxy.bench.load;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * One closed-loop client: on its own keep-alive connection it sends a request, reads the whole
 * response, checks it, records timings, and repeats until the deadline.
 */
final class Worker implements Runnable {
  private static final int MAX_REQUESTS = 10_000_000;

  final Samples latency = new Samples();
  final Samples ttfb = new Samples();
  final Samples firstEvent = new Samples();
  final Samples gaps = new Samples();
  final Samples transit = new Samples();
  long completed;
  long errors;
  String lastError;
  long endNanos;

  private final Target target;
  private final Workload workload;
  private final long deadline;
  private final CountDownLatch start;

  Worker(Target target, Workload workload, long deadline, CountDownLatch start) {
    this.target = target;
    this.workload = workload;
    this.deadline = deadline;
    this.start = start;
  }

  @Override
  public void run() {
    byte[] request = workload.request(target);
    boolean perChunk = workload.delayMs > 0; // only paced streams are timed chunk by chunk
    SseRecorder sse =
        new SseRecorder(workload.dialect.sse, perChunk ? gaps : null, perChunk ? transit : null);
    ByteCounter body = new ByteCounter();
    try (ClientConnection conn = new ClientConnection(target)) {
      start.await();
      for (int i = 0; i < MAX_REQUESTS && System.nanoTime() < deadline; i++) {
        sse.reset();
        body.reset();
        try {
          int status = conn.exchange(request, workload.stream ? sse : body);
          String problem = check(status, sse, body);
          if (problem != null) {
            fail(problem, conn);
            continue;
          }
          completed++;
          latency.add(conn.doneNanos() - conn.sentNanos());
          ttfb.add(conn.firstByteNanos() - conn.sentNanos());
          if (workload.stream) firstEvent.add(sse.firstEventNanos() - conn.sentNanos());
        } catch (IOException | RuntimeException e) {
          fail(e.toString(), conn);
          Thread.sleep(5);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      endNanos = System.nanoTime();
    }
  }

  private String check(int status, SseRecorder sse, ByteCounter body) {
    if (status != 200) return "HTTP " + status;
    if (!workload.stream) return workload.dialect.wholeProblem(body);
    return Preflight.streamProblem(sse, workload.events, workload.dialect);
  }

  private void fail(String problem, ClientConnection conn) {
    errors++;
    lastError = problem;
    conn.close();
  }
}
