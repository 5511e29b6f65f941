package dev.cliproxy.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's Responses API WebSocket: each {@code response.create} text message is a turn run on
 * its own virtual thread, one at a time; {@code response.processed} is taken note of and needs no
 * answer. A message that is no JSON object, or a binary one, gets an error event and a close with
 * the reason; an unknown type or a second {@code response.create} while one is answered gets an
 * error event and the socket stays open. A client that closes mid-answer cancels the upstream
 * request. While a turn is answered the idle timeout is off (the upstream has its own); between
 * turns, a socket idle for the configured time is closed by Jetty.
 *
 * <p>Public because Jetty calls its listener methods through method handles; made only by {@link
 * ResponsesSocketRoute}.
 */
public final class ResponsesSocket implements Session.Listener.AutoDemanding {
  private static final Logger log = LoggerFactory.getLogger(ResponsesSocket.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SocketTurns turns;
  private final Duration idleTimeout;
  private final long maxMessageBytes;
  private final Runnable release;
  private final AtomicBoolean gone = new AtomicBoolean();
  private Session session;
  private SocketFrames frames;
  private TurnSink current;

  ResponsesSocket(SocketTurns turns, Duration idleTimeout, long maxMessageBytes, Runnable release) {
    this.turns = turns;
    this.idleTimeout = idleTimeout;
    this.maxMessageBytes = maxMessageBytes;
    this.release = release;
  }

  @Override
  public void onWebSocketOpen(Session opened) {
    opened.setIdleTimeout(idleTimeout);
    opened.setMaxTextMessageSize(maxMessageBytes);
    opened.setMaxBinaryMessageSize(1024);
    synchronized (this) {
      session = opened;
      frames = new SocketFrames(opened);
    }
  }

  @Override
  public void onWebSocketText(String message) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(message);
    } catch (IOException notJson) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      refuse(
          StatusCode.BAD_PAYLOAD,
          "unreadable message: send JSON objects such as {\"type\":\"response.create\",...}");
      return;
    }
    String type = parsed.path("type").asText("");
    switch (type) {
      case "response.create" -> start((ObjectNode) parsed);
      case "response.processed" -> {}
      default ->
          answerAside(
              ErrorEvent.of(
                  ProxyError.invalidRequest(
                      "unsupported_event_type",
                      "Unsupported message type '"
                          + type
                          + "': this WebSocket takes 'response.create' (and"
                          + " 'response.processed').")));
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    refuse(StatusCode.BAD_DATA, "binary messages are not supported: send JSON text messages");
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    callback.succeed();
    leave();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    log.debug("Responses WebSocket failed: {}", cause.toString());
    leave();
  }

  private void start(ObjectNode create) {
    TurnSink sink;
    synchronized (this) {
      if (current != null) {
        sink = null;
      } else {
        TurnSink[] made = new TurnSink[1];
        made[0] = new TurnSink(frames, () -> finished(made[0]));
        sink = made[0];
        current = sink;
        session.setIdleTimeout(Duration.ZERO);
      }
    }
    if (sink == null) {
      answerAside(
          ErrorEvent.of(
              ProxyError.invalidRequest(
                  "response_in_progress",
                  "A response is still being answered on this WebSocket: wait for its"
                      + " response.completed (or error) before the next response.create, or"
                      + " open another WebSocket.")));
      return;
    }
    Thread.ofVirtual().name("responses-socket-turn").start(() -> run(create, sink));
  }

  private void run(ObjectNode create, TurnSink sink) {
    try {
      turns.answer(create, sink);
      if (!sink.ended() && !sink.hungUp()) {
        sink.sendError(
            ErrorEvent.of(
                new ProxyError(
                    502,
                    ProxyError.Kind.UPSTREAM,
                    "stream_incomplete",
                    "The answer ended before response.completed.",
                    Optional.empty())));
      }
    } catch (IOException clientGone) {
      log.debug("Responses WebSocket: the client left mid-answer: {}", clientGone.toString());
    } catch (RuntimeException e) {
      log.error("Responses WebSocket: a turn failed unexpectedly", e);
      try {
        sink.sendError(
            ErrorEvent.of(
                new ProxyError(
                    500,
                    ProxyError.Kind.INTERNAL,
                    "internal_error",
                    "The proxy failed unexpectedly (" + e.getClass().getSimpleName() + ").",
                    Optional.empty())));
      } catch (IOException alsoGone) {
        log.debug("Responses WebSocket: the client left: {}", alsoGone.toString());
      }
    } finally {
      finished(sink);
    }
  }

  /** The turn of {@code sink} is over: the socket takes the next one and may idle again. */
  private synchronized void finished(TurnSink sink) {
    if (current == sink) {
      current = null;
      if (session.isOpen()) {
        session.setIdleTimeout(idleTimeout);
      }
    }
  }

  /** An error event that is no turn's answer, sent off the Jetty thread. */
  private void answerAside(ErrorEvent error) {
    SocketFrames out = frames;
    Thread.ofVirtual()
        .name("responses-socket-error")
        .start(() -> {
          try {
            out.send(error.json());
          } catch (IOException gone) {
            log.debug("Responses WebSocket: the client left: {}", gone.toString());
          }
        });
  }

  /** An error event, then a close with {@code reason}. */
  private void refuse(int code, String reason) {
    SocketFrames out = frames;
    ErrorEvent error = ErrorEvent.of(ProxyError.invalidRequest("invalid_message", reason + "."));
    Thread.ofVirtual()
        .name("responses-socket-refusal")
        .start(() -> {
          try {
            out.send(error.json());
          } catch (IOException gone) {
            log.debug("Responses WebSocket: the client left: {}", gone.toString());
          }
          out.close(code, reason);
        });
  }

  /** The socket is closed: its slot is free again and a turn in flight is cancelled. */
  private void leave() {
    if (!gone.compareAndSet(false, true)) {
      return;
    }
    release.run();
    TurnSink sink;
    synchronized (this) {
      sink = current;
    }
    if (sink != null) {
      sink.hangUp();
    }
  }
}
