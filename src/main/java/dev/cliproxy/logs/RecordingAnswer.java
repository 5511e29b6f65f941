package dev.cliproxy.logs;

import dev.cliproxy.gateway.UpstreamAnswer;
import dev.cliproxy.provider.UpstreamHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upstream answer that keeps a bounded copy of its body as the gateway reads it. */
final class RecordingAnswer implements UpstreamAnswer {
  private final UpstreamAnswer answer;
  private final BodyCapture body;

  RecordingAnswer(UpstreamAnswer answer, BodyCapture body) {
    this.answer = answer;
    this.body = body;
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
    return new FilterInputStream(answer.stream()) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          body.append(new byte[] {(byte) b});
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          body.append(buffer, offset, n);
        }
        return n;
      }
    };
  }

  @Override
  public byte[] whole(int limit) throws IOException {
    byte[] bytes = answer.whole(limit);
    body.append(bytes);
    return bytes;
  }

  @Override
  public void close() {
    answer.close();
  }
}
