package dev.cliproxy.logs;

import java.io.ByteArrayOutputStream;

/**
 * A body as it passes, kept up to a cap: the first {@code cap} bytes, and a count of those left
 * out, which the log file states. Used by one thread at a time.
 */
final class BodyCapture {
  /** What one body may hold in memory while its request runs. */
  static final int CAP = 1 << 20;

  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int cap;
  private long dropped;

  BodyCapture() {
    this(CAP);
  }

  BodyCapture(int cap) {
    this.cap = cap;
  }

  void append(byte[] bytes, int offset, int length) {
    int room = Math.max(0, Math.min(length, cap - kept.size()));
    kept.write(bytes, offset, room);
    dropped += length - room;
  }

  void append(byte[] bytes) {
    append(bytes, 0, bytes.length);
  }

  /** What was kept and how much was left out. */
  Body body() {
    return new Body(kept.toByteArray(), dropped);
  }

  /**
   * A body as the log shows it.
   *
   * @param bytes the bytes kept
   * @param dropped how many more bytes there were
   */
  record Body(byte[] bytes, long dropped) {
    static final Body NONE = new Body(new byte[0], 0);

    /** The first {@code cap} bytes of {@code bytes} (not copied when they fit). */
    static Body of(byte[] bytes, int cap) {
      if (bytes.length <= cap) {
        return new Body(bytes, 0);
      }
      return new Body(java.util.Arrays.copyOf(bytes, cap), bytes.length - cap);
    }
  }
}
