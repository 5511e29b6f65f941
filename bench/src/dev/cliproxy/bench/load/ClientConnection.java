package dev.cliproxy.bench.load;

import dev.cliproxy.bench.http.BodySink;
import dev.cliproxy.bench.http.HttpHead;
import dev.cliproxy.bench.http.HttpIn;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A keep-alive HTTP/1.1 client connection on a raw socket: send a pre-built request, read the
 * response into a sink, remember when it was sent, when its first byte came and when it ended.
 */
final class ClientConnection implements AutoCloseable {
  static final int TIMEOUT_MS = 15_000;

  private final Target target;
  private Socket socket;
  private HttpIn in;
  private OutputStream out;
  private long sentNanos;
  private long firstByteNanos;
  private long doneNanos;

  ClientConnection(Target target) {
    this.target = target;
  }

  /** Sends one request and reads the whole response; returns the status code. */
  int exchange(byte[] request, BodySink sink) throws IOException {
    if (socket == null) connect();
    sentNanos = System.nanoTime();
    out.write(request);
    HttpHead head = in.readHead();
    if (head == null) throw new IOException("connection closed before the response");
    firstByteNanos = head.firstByteNanos();
    in.readBody(head, true, sink);
    doneNanos = in.lastReadNanos();
    if (head.close() || (!head.chunked() && head.contentLength() < 0)) close();
    return head.status();
  }

  long sentNanos() {
    return sentNanos;
  }

  long firstByteNanos() {
    return firstByteNanos;
  }

  long doneNanos() {
    return doneNanos;
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(target.host(), target.port()), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      in = new HttpIn(s.getInputStream());
      out = s.getOutputStream();
      socket = s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (socket == null) return;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    socket = null;
  }
}
