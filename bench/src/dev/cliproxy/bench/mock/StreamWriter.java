package dev.cliproxy.bench.mock;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one SSE reply on one connection: the head, N stamped deltas with a pause between them, a
 * finish chunk, a usage chunk and [DONE]. One write (one system call) per event, like a real
 * upstream that flushes every event. Owns copies of the delta templates because it stamps them.
 */
final class StreamWriter {
  private final OutputStream out;
  private final byte[] first = Replies.FIRST_DELTA.clone();
  private final byte[] delta = Replies.DELTA.clone();
  private final int firstStamp = Replies.stampOffset(first);
  private final int deltaStamp = Replies.stampOffset(delta);

  StreamWriter(OutputStream out) {
    this.out = out;
  }

  void write(Shape shape) throws IOException, InterruptedException {
    out.write(Replies.STREAM_HEAD);
    for (int i = 0; i < shape.events(); i++) {
      if (i > 0 && shape.delayMs() > 0) Thread.sleep(shape.delayMs());
      if (i == 0) {
        stamp(first, firstStamp);
        out.write(first);
      } else {
        stamp(delta, deltaStamp);
        out.write(delta);
      }
    }
    out.write(Replies.FINISH);
    out.write(Replies.usage(shape.events()));
    out.write(Replies.DONE_AND_END);
  }

  /** Writes System.nanoTime() as fixed-width decimal digits: a clock shared by all local JVMs. */
  private static void stamp(byte[] event, int at) {
    long v = System.nanoTime();
    for (int i = at + Replies.STAMP_DIGITS - 1; i >= at; i--) {
      event[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
  }
}
