package dev.cliproxy.bench.load;

import java.io.IOException;

/**
 * Checks a target answers the way the measurements assume before any load is sent: a chat
 * completion for a non-stream request, and for a stream every delta, [DONE], and each delta
 * flushed on its own (no batching). Throws with a readable message otherwise.
 */
final class Preflight {
  private static final int PACED_EVENTS = 3;
  private static final int PACED_DELAY_MS = 40;

  private Preflight() {}

  static void chat(Target target) throws IOException {
    ByteCounter body = new ByteCounter();
    try (ClientConnection c = new ClientConnection(target)) {
      int status = c.exchange(Workload.request(target, false, 0, 0), body);
      if (status != 200 || !body.head().contains("\"chat.completion\"")) {
        throw new IllegalStateException(
            target.name() + ": non-stream chat gave HTTP " + status + ": " + body.head());
      }
    }
  }

  static void stream(Target target) throws IOException {
    Samples gaps = new Samples();
    SseRecorder sse = new SseRecorder(gaps, new Samples());
    try (ClientConnection c = new ClientConnection(target)) {
      int status = c.exchange(Workload.request(target, true, PACED_EVENTS, PACED_DELAY_MS), sse);
      if (status != 200 || sse.deltas() != PACED_EVENTS || !sse.done()) {
        throw new IllegalStateException(
            target.name() + ": stream gave HTTP " + status + ", " + sse.deltas() + " of "
                + PACED_EVENTS + " deltas, [DONE]=" + sse.done()
                + " (is the body field \"mock\" passed through to the upstream?)");
      }
      if (gaps.percentile(1) < PACED_DELAY_MS / 2 * 1e6) {
        throw new IllegalStateException(
            target.name() + ": deltas sent " + PACED_DELAY_MS + " ms apart arrived "
                + gaps.percentile(1) / 1e6 + " ms apart: events are batched, not flushed");
      }
    }
  }
}
