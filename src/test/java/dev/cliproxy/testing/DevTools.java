package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * One Chrome DevTools Protocol connection to a browser over Jetty's WebSocket client: commands
 * answered by id, events handed to the listeners of their target session (flat sessions).
 */
public final class DevTools implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final WebSocketClient client;
  private final Session session;
  private final Inbox inbox;

  private DevTools(WebSocketClient client, Session session, Inbox inbox) {
    this.client = client;
    this.session = session;
    this.inbox = inbox;
  }

  /** Connects to the browser endpoint {@code ws://127.0.0.1:<port>/devtools/browser/<id>}. */
  static DevTools connect(URI browserEndpoint) throws Exception {
    WebSocketClient client = new WebSocketClient();
    client.setMaxTextMessageSize(256 << 20); // full-page screenshots arrive as base64 text
    client.start();
    Inbox inbox = new Inbox();
    try {
      Session session = client.connect(inbox, browserEndpoint).get(20, TimeUnit.SECONDS);
      return new DevTools(client, session, inbox);
    } catch (Exception e) {
      client.stop();
      throw e;
    }
  }

  /** Sends a browser-level command and waits for its result. */
  JsonNode send(String method, ObjectNode params) throws IOException {
    return send(null, method, params);
  }

  /**
   * Sends a command to a target session (or the browser when {@code sessionId} is null) and waits
   * for its result; a protocol error or no answer in 30 s is an {@link IOException}.
   */
  JsonNode send(String sessionId, String method, ObjectNode params) throws IOException {
    long id = inbox.ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params == null ? JSON.createObjectNode() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    inbox.pending.put(id, answer);
    try {
      synchronized (session) {
        session.sendText(
            JSON.writeValueAsString(message),
            Callback.from(() -> {}, answer::completeExceptionally));
      }
      JsonNode reply = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (reply.has("error")) {
        throw new IOException(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException(method + ": the DevTools connection broke", e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(method + ": no answer from the browser in " + COMMAND_TIMEOUT, e);
    } finally {
      inbox.pending.remove(id);
    }
  }

  /**
   * Hands every event of {@code sessionId} (the browser's own when null) to {@code listener} as
   * method name and params, on the WebSocket's thread.
   */
  void listen(String sessionId, BiConsumer<String, JsonNode> listener) {
    inbox
        .listeners
        .computeIfAbsent(sessionId == null ? "" : sessionId, k -> new CopyOnWriteArrayList<>())
        .add(listener);
  }

  @Override
  public void close() throws Exception {
    try {
      session.close();
    } finally {
      client.stop();
    }
  }

  /** Receives the browser's messages. Public: Jetty calls it by method handles. */
  public static final class Inbox implements Session.Listener.AutoDemanding {
    final AtomicLong ids = new AtomicLong();
    final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final Map<String, CopyOnWriteArrayList<BiConsumer<String, JsonNode>>> listeners =
        new ConcurrentHashMap<>();

    @Override
    public void onWebSocketText(String text) {
      JsonNode message;
      try {
        message = JSON.readTree(text);
      } catch (IOException e) {
        return; // not protocol JSON; nothing waits for it
      }
      if (message.has("id")) {
        CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
        if (answer != null) {
          answer.complete(message);
        }
        return;
      }
      String method = message.path("method").asText();
      JsonNode params = message.path("params");
      for (BiConsumer<String, JsonNode> listener :
          listeners.getOrDefault(sessionOf(message), EMPTY)) {
        listener.accept(method, params);
      }
    }

    @Override
    public void onWebSocketClose(int code, String reason, Callback callback) {
      failAll(new IOException("DevTools connection closed: " + code + " " + reason));
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      failAll(cause);
    }

    private void failAll(Throwable cause) {
      pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }

    private static String sessionOf(JsonNode message) {
      return message.path("sessionId").asText("");
    }

    private static final CopyOnWriteArrayList<BiConsumer<String, JsonNode>> EMPTY =
        new CopyOnWriteArrayList<>();
  }
}
