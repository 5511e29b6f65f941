package dev.cliproxy.testing;

import java.io.InterruptedIOException;
import java.io.Reader;

/**
 * A terminal's input for tests: reads block until the test {@link #type types} a line, and end once
 * it is {@link #close closed}. An interrupted read throws {@link InterruptedIOException}.
 */
public final class TypedInput extends Reader {
  private final StringBuilder buffer = new StringBuilder();
  private boolean closed;

  /** Types {@code line} followed by Enter. */
  public synchronized void type(String line) {
    buffer.append(line).append('\n');
    notifyAll();
  }

  @Override
  public synchronized int read(char[] target, int offset, int length)
      throws InterruptedIOException {
    while (buffer.isEmpty() && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("read interrupted");
      }
    }
    if (buffer.isEmpty()) {
      return -1;
    }
    int count = Math.min(length, buffer.length());
    buffer.getChars(0, count, target, offset);
    buffer.delete(0, count);
    return count;
  }

  /** Ends the input, as Ctrl-D or a closed pipe does. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
