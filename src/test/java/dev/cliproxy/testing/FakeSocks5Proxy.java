package dev.cliproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A SOCKS5 server on 127.0.0.1 for tests: RFC 1928 with RFC 1929 username/password authentication
 * only, {@code CONNECT} only, to loopback targets only. It records every handshake (credentials
 * offered, target asked for) and the bytes each tunnel carried towards the target, and refuses
 * wrong credentials.
 */
public final class FakeSocks5Proxy implements AutoCloseable {
  private static final int SOCKS_VERSION = 5;
  private static final int USER_PASSWORD_METHOD = 2;
  private static final int NO_ACCEPTABLE_METHOD = 0xFF;
  private static final int CONNECT = 1;
  private static final int IDLE_MILLIS = 60_000;
  private static final int MAX_RECORDED_BYTES = 1 << 20;
  private static final int MAX_CONNECTIONS = 10_000;

  /**
   * One client conversation as the proxy saw it.
   *
   * @param user the username offered, empty when the client never authenticated
   * @param password the password offered, empty when the client never authenticated
   * @param authenticated whether the credentials matched
   * @param target the {@code host:port} the client asked to connect to, empty if it never got that
   *     far
   * @param sent what the tunnel carried from the client towards the target (first 1 MiB)
   */
  public record Handshake(
      Optional<String> user,
      Optional<String> password,
      boolean authenticated,
      Optional<String> target,
      ByteArrayOutputStream sent) {
    /** The bytes sent through the tunnel so far, as text. */
    public String sentText() {
      synchronized (sent) {
        return sent.toString(StandardCharsets.ISO_8859_1);
      }
    }
  }

  private final String user;
  private final String password;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private FakeSocks5Proxy(String user, String password) throws IOException {
    this.user = user;
    this.password = password;
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptUntilClosed);
  }

  /** Starts a proxy that accepts exactly this username and password. */
  public static FakeSocks5Proxy start(String user, String password) throws IOException {
    return new FakeSocks5Proxy(user, password);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Every conversation so far, in the order they ended their handshake. */
  public List<Handshake> handshakes() {
    return List.copyOf(handshakes);
  }

  /** The conversations that authenticated and got a tunnel. */
  public List<Handshake> tunnels() {
    return handshakes.stream().filter(h -> h.authenticated() && h.target().isPresent()).toList();
  }

  /** Everything every tunnel carried towards its target, concatenated. */
  public String allSentText() {
    StringBuilder out = new StringBuilder();
    tunnels().forEach(t -> out.append(t.sentText()));
    return out.toString();
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
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();

      // RFC 1928 §3: version, methods offered; we take username/password or nothing.
      expect(in.readUnsignedByte(), SOCKS_VERSION, "SOCKS version");
      byte[] methods = in.readNBytes(in.readUnsignedByte());
      boolean offersPassword = false;
      for (byte m : methods) {
        offersPassword |= m == USER_PASSWORD_METHOD;
      }
      // Each conversation is recorded before it is answered, so a test that has seen the answer
      // sees the record.
      if (!offersPassword) {
        handshakes.add(
            new Handshake(
                Optional.empty(), Optional.empty(), false, Optional.empty(), emptyRecord()));
        out.write(new byte[] {SOCKS_VERSION, (byte) NO_ACCEPTABLE_METHOD});
        out.flush();
        return;
      }
      out.write(new byte[] {SOCKS_VERSION, USER_PASSWORD_METHOD});
      out.flush();

      // RFC 1929 §2: version 1, user, password; status 0 is success.
      expect(in.readUnsignedByte(), 1, "username/password sub-negotiation version");
      String offeredUser = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
      String offeredPassword =
          new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
      boolean ok = user.equals(offeredUser) && password.equals(offeredPassword);
      if (!ok) {
        handshakes.add(
            new Handshake(
                Optional.of(offeredUser),
                Optional.of(offeredPassword),
                false,
                Optional.empty(),
                emptyRecord()));
      }
      out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
      out.flush();
      if (!ok) {
        return;
      }

      // RFC 1928 §4: version, command, reserved, address type, address, port.
      expect(in.readUnsignedByte(), SOCKS_VERSION, "SOCKS version");
      int command = in.readUnsignedByte();
      in.readUnsignedByte();
      String host = readAddress(in);
      int port = in.readUnsignedShort();
      String target = host + ":" + port;
      ByteArrayOutputStream sent = emptyRecord();
      handshakes.add(
          new Handshake(
              Optional.of(offeredUser),
              Optional.of(offeredPassword),
              true,
              Optional.of(target),
              sent));
      if (command != CONNECT) {
        reply(out, 7); // command not supported
        return;
      }
      InetAddress address = InetAddress.getByName(host);
      if (!address.isLoopbackAddress()) {
        reply(out, 2); // connection not allowed by ruleset: tests stay on loopback
        return;
      }
      try (Socket upstream = new Socket()) {
        open.add(upstream);
        try {
          upstream.connect(new InetSocketAddress(address, port), 5_000);
        } catch (IOException refused) {
          reply(out, 5); // connection refused
          return;
        }
        upstream.setSoTimeout(IDLE_MILLIS);
        reply(out, 0);
        relay(client, upstream, sent);
      }
    } catch (IOException | RuntimeException e) {
      // the client or the target went away; nothing to report to anyone
    } finally {
      open.remove(client);
    }
  }

  /** Copies both ways until either side ends, each direction on its own virtual thread. */
  private void relay(Socket client, Socket upstream, ByteArrayOutputStream sent) {
    var back = threads.submit(() -> pump(upstream, client, null));
    pump(client, upstream, sent);
    try {
      back.get();
    } catch (Exception ignored) {
      // the other direction ended with an error: the tunnel is over either way
    }
  }

  private static Void pump(Socket from, Socket to, ByteArrayOutputStream record) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (record != null) { // before forwarding, so the record is complete once answered
          synchronized (record) {
            int room = MAX_RECORDED_BYTES - record.size();
            record.write(buffer, 0, Math.max(0, Math.min(room, n)));
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // reset or timeout: the tunnel is over
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException ignored) {
        // already closed
      }
    }
    return null;
  }

  private static String readAddress(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    return switch (type) {
      case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
      case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
      case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
      default -> throw new IOException("unknown SOCKS address type " + type);
    };
  }

  /** A reply with an IPv4 bound address of 127.0.0.1:0, which clients ignore. */
  private static void reply(OutputStream out, int status) throws IOException {
    out.write(new byte[] {SOCKS_VERSION, (byte) status, 0, 1, 127, 0, 0, 1, 0, 0});
    out.flush();
  }

  private static void expect(int actual, int expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException(what + " " + actual + ", expected " + expected);
    }
  }

  private static ByteArrayOutputStream emptyRecord() {
    return new ByteArrayOutputStream();
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
