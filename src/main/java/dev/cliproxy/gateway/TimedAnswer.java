package dev.cliproxy.gateway;

import dev.cliproxy.provider.UpstreamHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * An upstream answer that reports the time spent blocked reading its body, so the gateway can tell
 * the upstream's share of a request from its own ({@link GatewayEvent.Attempted#upstreamWait}).
 */
final class TimedAnswer implements UpstreamAnswer {
  private final UpstreamAnswer answer;
  private final LongConsumer waited;

  /**
   * @param answer the answer to read
   * @param waited told the nanoseconds of each read
   */
  TimedAnswer(UpstreamAnswer answer, LongConsumer waited) {
    this.answer = answer;
    this.waited = waited;
  }

  @Override
  public int status() {
    return answer.status();
  }

  @Override
  public UpstreamHeaders headers() {
    return answer.headers();
  }

  @Override
  public InputStream stream() throws IOException {
    long start = System.nanoTime();
    try {
      return new TimedStream(answer.stream());
    } finally {
      waited.accept(System.nanoTime() - start);
    }
  }

  @Override
  public byte[] whole(int limit) throws IOException {
    long start = System.nanoTime();
    try {
      return answer.whole(limit);
    } finally {
      waited.accept(System.nanoTime() - start);
    }
  }

  @Override
  public void close() {
    answer.close();
  }

  private final class TimedStream extends FilterInputStream {
    TimedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      long start = System.nanoTime();
      try {
        return super.read();
      } finally {
        waited.accept(System.nanoTime() - start);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long start = System.nanoTime();
      try {
        return super.read(b, off, len);
      } finally {
        waited.accept(System.nanoTime() - start);
      }
    }
  }
}
