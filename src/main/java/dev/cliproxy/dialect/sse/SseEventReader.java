package dev.cliproxy.dialect.sse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a server-sent-events byte stream into whole events (everything up to and including the
 * blank line that ends each one), without decoding them, so they can be forwarded unchanged and
 * flushed one by one.
 */
public final class SseEventReader {
  private final InputStream in;
  private final int maxEventBytes;
  private byte[] buffer = new byte[16 * 1024];
  private int start;
  private int end;
  private int scanFrom;
  private boolean eof;

  public SseEventReader(InputStream in, int maxEventBytes) {
    this.in = in;
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * The next event's raw bytes, ending with its blank line; at the end of the stream, whatever
   * partial event remains (without a blank line), then {@code null}.
   *
   * @throws IOException when reading fails or an event exceeds the size limit
   */
  public byte[] next() throws IOException {
    while (true) {
      int boundary = findBoundary();
      if (boundary >= 0) {
        byte[] event = Arrays.copyOfRange(buffer, start, boundary);
        start = boundary;
        scanFrom = start;
        return event;
      }
      if (eof) {
        if (start == end) {
          return null;
        }
        byte[] rest = Arrays.copyOfRange(buffer, start, end);
        start = end;
        return rest;
      }
      fill();
    }
  }

  /** Offset just past the blank line ending the event at {@code start}, or -1. */
  private int findBoundary() {
    for (int i = Math.max(scanFrom, start); i < end; i++) {
      if (buffer[i] != '\n') {
        continue;
      }
      // "\n\n" or "\n\r\n" ends an event; a lone "\r" line ending is not used by any provider.
      if (i + 1 < end && buffer[i + 1] == '\n') {
        return i + 2;
      }
      if (i + 2 < end && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
        return i + 3;
      }
      if (i + 2 >= end) {
        scanFrom = i; // the terminator may straddle the next read
        return -1;
      }
    }
    scanFrom = end;
    return -1;
  }

  private void fill() throws IOException {
    if (start > 0 && start == end) {
      start = end = scanFrom = 0;
    }
    if (end == buffer.length) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        scanFrom -= start;
        start = 0;
      } else {
        if (buffer.length >= maxEventBytes) {
          throw new IOException("server-sent event larger than " + maxEventBytes + " bytes");
        }
        buffer = Arrays.copyOf(buffer, Math.min(maxEventBytes, buffer.length * 2));
      }
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }
}
