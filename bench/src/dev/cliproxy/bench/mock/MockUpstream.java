package dev.cliproxy.bench.mock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OpenAI-compatible upstream for benchmarks, on plain blocking sockets: one thread per
 * connection, pre-built replies, one write per event. It stays far cheaper than the proxy so
 * that direct and proxied numbers measure the proxy. Listens on 127.0.0.1 only and exits by
 * itself after --max-seconds.
 *
 * <p>Usage: {@code MockUpstream [--port 18400] [--max-seconds 1800] [--threads platform|virtual]}
 */
public final class MockUpstream {
  private static final int MAX_CONNECTIONS = 2048;

  private MockUpstream() {}

  public static void main(String[] args) throws IOException {
    int port = 18400;
    long maxSeconds = 1800;
    boolean virtual = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
        case "--threads" -> virtual = args[i + 1].equals("virtual");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
    Thread.Builder threads =
        virtual ? Thread.ofVirtual().name("mock-", 0) : Thread.ofPlatform().daemon().name("mock-", 0);
    AtomicInteger open = new AtomicInteger();
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
      server.setSoTimeout(1000);
      System.err.printf(
          "mock upstream on 127.0.0.1:%d, %s threads, exits after %d s%n",
          port, virtual ? "virtual" : "platform", maxSeconds);
      while (System.nanoTime() < deadline) {
        Socket socket;
        try {
          socket = server.accept();
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
          open.decrementAndGet();
          socket.close();
          continue;
        }
        threads.start(new MockConnection(socket, open::decrementAndGet));
      }
    }
    System.err.println("mock upstream: --max-seconds reached, exiting");
    System.exit(0);
  }
}
