package dev.cliproxy.bench.load;

import dev.cliproxy.bench.http.HttpHead;
import dev.cliproxy.bench.http.HttpIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** GET /healthz on a loopback port: the status code, or -1 while nothing answers. */
final class Health {
  private Health() {}

  static int status(int port, int timeoutMs) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      s.getOutputStream()
          .write(
              ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      HttpHead head = new HttpIn(s.getInputStream()).readHead();
      return head == null ? -1 : head.status();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Polls every {@code pollMs} until 200; true when it came before the timeout. */
  static boolean await(int port, long timeoutMs, long pollMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (status(port, 1000) == 200) return true;
      Thread.sleep(pollMs);
    }
    return false;
  }
}
