package dev.cliproxy.management;

import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The "terminal" of a login run from the web UI: the lines the management API passes on (a pasted
 * redirect address), read by the login as if typed. Reading waits for a line; it ends once closed.
 */
final class LinesInput extends Reader {
  private static final String END = new String("end of input");
  private static final int MAX_WAITING = 16;

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(MAX_WAITING + 1);
  private String current = "";
  private int at;
  private volatile boolean closed;

  /** Passes one line on; false when the input is closed or too many lines wait. */
  boolean offer(String line) {
    return !closed && lines.size() < MAX_WAITING && lines.offer(line.strip() + "\n");
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws InterruptedIOException {
    if (length == 0) {
      return 0;
    }
    if (at >= current.length()) {
      if (current == END) {
        return -1;
      }
      try {
        current = lines.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("the login stopped waiting for input");
      }
      at = 0;
      if (current == END) {
        lines.offer(END);
        return -1;
      }
    }
    int n = Math.min(length, current.length() - at);
    current.getChars(at, at + n, buffer, offset);
    at += n;
    return n;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      lines.offer(END);
    }
  }
}
