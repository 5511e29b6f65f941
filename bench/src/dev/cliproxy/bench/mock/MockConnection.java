package dev.cliproxy.bench.mock;

import dev.cliproxy.bench.http.HttpHead;
import dev.cliproxy.bench.http.HttpIn;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/** Serves the requests of one keep-alive connection, one after the other. */
final class MockConnection implements Runnable {
  private static final int MAX_REQUESTS = 50_000_000;
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final int IDLE_TIMEOUT_MS = 120_000;

  private final Socket socket;
  private final Runnable onClose;
  private byte[] body = new byte[4096];
  private int bodyLength;

  MockConnection(Socket socket, Runnable onClose) {
    this.socket = socket;
    this.onClose = onClose;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(IDLE_TIMEOUT_MS);
      HttpIn in = new HttpIn(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      StreamWriter stream = new StreamWriter(out);
      for (int served = 0; served < MAX_REQUESTS; served++) {
        HttpHead head = in.readHead();
        if (head == null) return;
        if (head.expectContinue()) out.write(Replies.CONTINUE);
        bodyLength = 0;
        in.readBody(head, false, this::append);
        answer(head, out, stream);
        if (head.close()) return;
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or sent something unreadable: drop the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onClose.run();
    }
  }

  private void answer(HttpHead head, OutputStream out, StreamWriter stream)
      throws IOException, InterruptedException {
    String path = head.path();
    if (head.method().equals("POST") && path.endsWith("/chat/completions")) {
      Shape shape = Shape.of(body, bodyLength);
      if (shape.stream()) stream.write(shape);
      else out.write(Replies.CHAT_COMPLETION);
    } else if (head.method().equals("GET") && path.equals("/healthz")) {
      out.write(Replies.HEALTHZ);
    } else {
      out.write(Replies.NOT_FOUND);
    }
  }

  private void append(byte[] bytes, int offset, int length, long arrivalNanos) {
    if (bodyLength + length > MAX_BODY) throw new IllegalStateException("request body too large");
    if (bodyLength + length > body.length) {
      body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + length));
    }
    System.arraycopy(bytes, offset, body, bodyLength, length);
    bodyLength += length;
  }
}
