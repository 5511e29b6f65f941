package dev.cliproxy.bench.load;

import dev.cliproxy.bench.http.BodySink;

/**
 * Splits a Server-Sent-Events body into events as the bytes arrive and times them: counts
 * content deltas and notes whether the last event was the end of the stream, both as the client
 * dialect's {@link SseFormat} marks them (OpenAI: an event carrying the mock's
 * {@code tok@<nanoTime>} stamp, then [DONE]; Claude: {@code content_block_delta} events, then
 * {@code message_stop}). It records the gap between consecutive deltas and each delta's transit
 * time from the mock's write (the stamp, which every dialect carries in the delta's text) to this
 * read. Both processes read the same monotonic clock (CLOCK_MONOTONIC on Linux). Null sample
 * lists mean "count only".
 */
final class SseRecorder implements BodySink {
  private static final byte[] STAMP = "tok@".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int DIGITS = 19;

  private final SseFormat format;
  private final Samples gaps;
  private final Samples transit;
  private final byte[] event = new byte[16 * 1024];
  private int length;
  private boolean afterNewline;
  private int deltas;
  private boolean done;
  private long firstEventNanos;
  private long lastDeltaNanos;

  SseRecorder(SseFormat format, Samples gaps, Samples transit) {
    this.format = format;
    this.gaps = gaps;
    this.transit = transit;
  }

  void reset() {
    length = 0;
    afterNewline = false;
    deltas = 0;
    done = false;
    firstEventNanos = 0;
    lastDeltaNanos = 0;
  }

  int deltas() {
    return deltas;
  }

  /** The last event was the end of the stream ([DONE] or message_stop). */
  boolean done() {
    return done;
  }

  long firstEventNanos() {
    return firstEventNanos;
  }

  @Override
  public void accept(byte[] bytes, int offset, int count, long arrivalNanos) {
    for (int i = offset, end = offset + count; i < end; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (afterNewline) endEvent(arrivalNanos);
        else afterNewline = true;
      } else if (b != '\r') {
        afterNewline = false;
        if (length < event.length) event[length++] = b;
      }
    }
  }

  private void endEvent(long arrivalNanos) {
    afterNewline = false;
    if (length == 0) return;
    if (firstEventNanos == 0) firstEventNanos = arrivalNanos;
    done = false;
    if (format.isDelta(event, length)) {
      deltas++;
      if (gaps != null && lastDeltaNanos != 0) gaps.add(arrivalNanos - lastDeltaNanos);
      lastDeltaNanos = arrivalNanos;
      int stamp = transit == null ? -1 : indexOf(event, length, STAMP);
      long sentNanos = stamp < 0 ? -1 : parseStamp(stamp + STAMP.length);
      if (sentNanos > 0) transit.add(arrivalNanos - sentNanos);
    } else if (format.isEnd(event, length)) {
      done = true;
    }
    length = 0;
  }

  private long parseStamp(int at) {
    if (at + DIGITS > length) return -1;
    long v = 0;
    for (int i = at; i < at + DIGITS; i++) {
      int d = event[i] - '0';
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }

  /** First index of {@code needle} in {@code bytes[0, length)}, or -1. */
  static int indexOf(byte[] bytes, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) if (bytes[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
