package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A Responses API WebSocket client for tests (Jetty's WebSocket client on loopback): connects with
 * the headers a test gives, sends messages, and reads the server's text messages as JSON, the pongs
 * it gets and the close it receives.
 */
public final class ResponsesSocketClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TERMINAL =
      Set.of("response.completed", "response.failed", "response.incomplete", "error");

  private final WebSocketClient client = new WebSocketClient();

  public ResponsesSocketClient() throws Exception {
    client.setMaxTextMessageSize(64 << 20);
    client.start();
  }

  /** The close a socket received: its code and reason. */
  public record Close(int code, String reason) {}

  /**
   * Opens a socket to {@code url} with these headers; fails as Jetty does for a refused upgrade.
   */
  public Socket connect(String url, Map<String, String> headers) throws Exception {
    ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
    headers.forEach(upgrade::setHeader);
    Socket socket = new Socket();
    client.connect(socket, URI.create(url), upgrade).get(10, TimeUnit.SECONDS);
    return socket;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }

  /** One open socket; public, as Jetty calls listeners through method handles. */
  public static final class Socket implements Session.Listener.AutoDemanding {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private volatile Session session;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
      messages.add(message);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
      pongs.add(payload);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      callback.succeed();
      closed.complete(new Close(statusCode, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      closed.complete(new Close(-1, cause.toString()));
    }

    public void send(String text) throws Exception {
      Callback.Completable sent = new Callback.Completable();
      session.sendText(text, sent);
      sent.get(10, TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] bytes) throws Exception {
      Callback.Completable sent = new Callback.Completable();
      session.sendBinary(ByteBuffer.wrap(bytes), sent);
      sent.get(10, TimeUnit.SECONDS);
    }

    public void ping(String payload) throws Exception {
      Callback.Completable sent = new Callback.Completable();
      session.sendPing(ByteBuffer.wrap(payload.getBytes()), sent);
      sent.get(10, TimeUnit.SECONDS);
    }

    /** The payload of the next pong, waiting up to 10 s. */
    public String nextPong() throws Exception {
      ByteBuffer pong = pongs.poll(10, TimeUnit.SECONDS);
      if (pong == null) {
        throw new AssertionError("no pong within 10 s");
      }
      byte[] bytes = new byte[pong.remaining()];
      pong.get(bytes);
      return new String(bytes);
    }

    /** The next message as JSON, waiting up to 30 s. */
    public JsonNode next() throws Exception {
      String message = messages.poll(30, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no message within 30 s (closed: " + closed.getNow(null) + ")");
      }
      return JSON.readTree(message);
    }

    /** Every message up to and including the turn's last: completed, failed, incomplete, error. */
    public List<JsonNode> turn() throws Exception {
      List<JsonNode> events = new ArrayList<>();
      while (true) {
        JsonNode event = next();
        events.add(event);
        if (TERMINAL.contains(event.path("type").asText())) {
          return events;
        }
      }
    }

    /** Sends a message, then reads the turn it starts. */
    public List<JsonNode> turn(String message) throws Exception {
      send(message);
      return turn();
    }

    /** The close this socket received, waiting up to {@code timeout}. */
    public Close awaitClose(Duration timeout) throws Exception {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
      return session != null && session.isOpen() && !closed.isDone();
    }

    /** Closes normally (1000). */
    public void close() {
      session.close(1000, "done", Callback.NOOP);
    }
  }
}
