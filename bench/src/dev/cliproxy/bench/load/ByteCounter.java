package dev.cliproxy.bench.load;

import dev.cliproxy.bench.http.BodySink;

/** Counts the bytes of a non-streaming body; keeps the first 4 KB for a validity check. */
final class ByteCounter implements BodySink {
  private final byte[] head = new byte[4096];
  private int headLength;
  private long count;

  void reset() {
    count = 0;
    headLength = 0;
  }

  long count() {
    return count;
  }

  /** More bytes came than were kept. */
  boolean truncated() {
    return count > headLength;
  }

  String head() {
    return new String(head, 0, headLength, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void accept(byte[] bytes, int offset, int length, long arrivalNanos) {
    int keep = Math.min(length, head.length - headLength);
    System.arraycopy(bytes, offset, head, headLength, keep);
    headLength += keep;
    count += length;
  }
}
