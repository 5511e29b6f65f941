package dev.cliproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain-HTTP forward proxy on 127.0.0.1 for tests: takes absolute-form requests ({@code POST
 * http://127.0.0.1:port/path HTTP/1.1}), demands {@code Proxy-Authorization: Basic} with one
 * username and password (407 otherwise), forwards to loopback origins only and relays the answer
 * byte for byte. One request per connection ({@code Connection: close}); records every request.
 */
public final class FakeHttpForwardProxy implements AutoCloseable {
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 << 20;
  private static final int MAX_CONNECTIONS = 10_000;
  private static final int IDLE_MILLIS = 60_000;
  private static final Set<String> HOP_BY_HOP =
      Set.of("proxy-authorization", "proxy-connection", "connection", "keep-alive", "te");

  /**
   * One request as the proxy saw it.
   *
   * @param requestLine the request line exactly as received
   * @param headers header names in lower case to their values
   * @param status what the proxy answered: its own 4xx, or the origin's status
   */
  public record Forwarded(String requestLine, Map<String, String> headers, int status) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final String expectedAuthorization;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private FakeHttpForwardProxy(String user, String password) throws IOException {
    expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptUntilClosed);
  }

  /** Starts a proxy that accepts exactly this username and password. */
  public static FakeHttpForwardProxy start(String user, String password) throws IOException {
    return new FakeHttpForwardProxy(user, password);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Every request so far, in arrival order. */
  public List<Forwarded> forwarded() {
    return List.copyOf(forwarded);
  }

  private void acceptUntilClosed() {
    for (int i = 0; i < MAX_CONNECTIONS && !listener.isClosed(); i++) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      open.add(client);
      threads.execute(() -> serve(client));
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(IDLE_MILLIS);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String[] lines = readHead(in).split("\r\n");
      String requestLine = lines[0];
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      String[] parts = requestLine.split(" ");
      if (parts.length != 3 || !parts[1].startsWith("http://")) {
        answer(out, requestLine, headers, 400, "");
        return;
      }
      if (!expectedAuthorization.equals(headers.get("proxy-authorization"))) {
        answer(out, requestLine, headers, 407, "Proxy-Authenticate: Basic realm=\"fake\"\r\n");
        return;
      }
      URI target = URI.create(parts[1]);
      InetAddress address = InetAddress.getByName(target.getHost());
      if (!address.isLoopbackAddress() || target.getPort() < 0) {
        answer(out, requestLine, headers, 403, ""); // tests stay on loopback
        return;
      }
      if (headers.containsKey("transfer-encoding")) {
        answer(out, requestLine, headers, 411, ""); // this fake reads Content-Length bodies only
        return;
      }
      byte[] body = readBody(in, headers);
      try (Socket origin = new Socket()) {
        open.add(origin);
        origin.connect(new InetSocketAddress(address, target.getPort()), 5_000);
        origin.setSoTimeout(IDLE_MILLIS);
        OutputStream toOrigin = origin.getOutputStream();
        toOrigin.write(originRequest(parts, target, headers).getBytes(StandardCharsets.ISO_8859_1));
        toOrigin.write(body);
        toOrigin.flush();
        relayAnswer(origin.getInputStream(), out, requestLine, headers);
      }
    } catch (IOException | RuntimeException e) {
      // the client or the origin went away; nothing to report to anyone
    } finally {
      open.remove(client);
    }
  }

  /** The request in origin form, hop-by-hop headers dropped, closing after one answer. */
  private static String originRequest(String[] parts, URI target, Map<String, String> headers) {
    String path = target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (target.getRawQuery() != null) {
      path += "?" + target.getRawQuery();
    }
    StringBuilder head = new StringBuilder(parts[0] + " " + path + " " + parts[2] + "\r\n");
    headers.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name)) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
    return head.append("connection: close\r\n\r\n").toString();
  }

  /** Copies the origin's answer to the client until the origin closes, noting its status. */
  private void relayAnswer(
      InputStream fromOrigin,
      OutputStream toClient,
      String requestLine,
      Map<String, String> headers)
      throws IOException {
    byte[] buffer = new byte[16 * 1024];
    ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
    boolean recorded = false;
    try {
      for (int n = fromOrigin.read(buffer); n >= 0; n = fromOrigin.read(buffer)) {
        if (!recorded) {
          statusLine.write(buffer, 0, n);
          String text = statusLine.toString(StandardCharsets.ISO_8859_1);
          if (text.contains("\r\n") || statusLine.size() > 1024) {
            forwarded.add(new Forwarded(requestLine, Map.copyOf(headers), status(text)));
            recorded = true;
          }
        }
        toClient.write(buffer, 0, n);
        toClient.flush();
      }
    } finally {
      if (!recorded) {
        forwarded.add(new Forwarded(requestLine, Map.copyOf(headers), 0));
      }
    }
  }

  private static int status(String statusLine) {
    String[] parts = statusLine.split(" ", 3);
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void answer(
      OutputStream out, String requestLine, Map<String, String> headers, int status, String extra)
      throws IOException {
    forwarded.add(new Forwarded(requestLine, Map.copyOf(headers), status));
    String head =
        "HTTP/1.1 "
            + status
            + " Fake Proxy\r\n"
            + extra
            + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads up to and including the blank line that ends the head; returns it without that line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      if (head.size() >= MAX_HEAD_BYTES) {
        throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
      }
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - end.length);
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException("content-length " + length + " out of range");
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("connection closed inside the request body");
    }
    return body;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }
}
