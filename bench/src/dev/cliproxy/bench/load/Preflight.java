package dev.cliproxy.bench.load;

import java.io.IOException;

/**
 * Checks a target answers the way the measurements assume before any load is sent, in one client
 * dialect: a valid whole answer for a non-stream request, and for a stream every delta, the end
 * event last, and each delta flushed on its own (no batching). Throws with a readable message
 * otherwise.
 */
final class Preflight {
  private static final int PACED_EVENTS = 3;
  private static final int PACED_DELAY_MS = 40;
  private static final int FLUSH_ATTEMPTS = 3;

  private Preflight() {}

  static void whole(Target target, Dialect dialect) throws IOException {
    ByteCounter body = new ByteCounter();
    try (ClientConnection c = new ClientConnection(target)) {
      int status = c.exchange(dialect.request(target, false, 0, 0), body);
      String problem = status == 200 ? dialect.wholeProblem(body) : "HTTP " + status + ": " + body.head();
      if (problem != null) {
        throw new IllegalStateException(target.name() + ": " + dialect + " non-stream request: " + problem);
      }
    }
  }

  /**
   * The flush check is tried up to {@link #FLUSH_ATTEMPTS} times: the first stream through a cold
   * path (class loading, the interpreter) or a burst of foreign load can delay one delta and
   * shorten the gap after it, while real batching shows on every attempt.
   */
  static void stream(Target target, Dialect dialect) throws IOException {
    double gap = 0;
    for (int attempt = 1; attempt <= FLUSH_ATTEMPTS; attempt++) {
      gap = pacedGapMs(target, dialect);
      if (gap >= PACED_DELAY_MS / 2.0) return;
      BenchMain.log("preflight: %s %s deltas %d ms apart arrived %.3f ms apart (attempt %d)",
          target.name(), dialect, PACED_DELAY_MS, gap, attempt);
    }
    throw new IllegalStateException(
        target.name() + ": " + dialect + " deltas sent " + PACED_DELAY_MS + " ms apart arrived "
            + gap + " ms apart in " + FLUSH_ATTEMPTS + " attempts: events are batched, not flushed");
  }

  /** One paced 3-delta stream, checked complete; the smallest gap between deltas, in ms. */
  private static double pacedGapMs(Target target, Dialect dialect) throws IOException {
    Samples gaps = new Samples();
    SseRecorder sse = new SseRecorder(dialect.sse, gaps, new Samples());
    try (ClientConnection c = new ClientConnection(target)) {
      int status = c.exchange(dialect.request(target, true, PACED_EVENTS, PACED_DELAY_MS), sse);
      String problem = status == 200 ? streamProblem(sse, PACED_EVENTS, dialect) : "HTTP " + status;
      if (problem != null) {
        throw new IllegalStateException(
            target.name() + ": " + dialect + " stream: " + problem + " (does the mock's shape control,"
                + " the body field \"mock\" or the text marker, reach the upstream?)");
      }
    }
    return gaps.percentile(1) / 1e6;
  }

  /** Why a recorded stream is not the expected one, or null when it is. */
  static String streamProblem(SseRecorder sse, int events, Dialect dialect) {
    if (sse.deltas() == events && sse.done()) return null;
    return "stream had " + sse.deltas() + " of " + events + " deltas, ended with "
        + dialect.sse.endName() + "=" + sse.done();
  }
}
