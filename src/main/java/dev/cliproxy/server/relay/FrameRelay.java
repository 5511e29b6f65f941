package dev.cliproxy.server.relay;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a relayed WebSocket (the client's or the upstream's session), paired with the other:
 * every frame it receives (text and binary fragments, ping, pong, close) is sent on to the other
 * end, and the next frame is demanded only once that send has completed, so a slow side slows the
 * other instead of filling memory. Frames from an end whose peer is not open yet wait, unread,
 * until it is. A close goes on with its code and reason; an end that fails or vanishes closes the
 * other with 1001 (the client went away) or 1011 (the upstream failed).
 *
 * <p>Public because Jetty calls its listener methods through method handles; made only by {@link
 * WebSocketRelay}.
 */
public final class FrameRelay implements Session.Listener {
  private static final Logger log = LoggerFactory.getLogger(FrameRelay.class);
  static final long MAX_MESSAGE_BYTES = 16 << 20;
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** A close to send once the session is open. */
  private record Close(int code, String reason) {}

  /** Counts the pair's ends as they open; the second to open starts the frames flowing. */
  private static final class Start {
    private int open;

    synchronized boolean secondOpen() {
      return ++open == 2;
    }
  }

  private final String side;
  private final int codeWhenGone;
  private final Start start;
  private FrameRelay other;
  private Session session;
  private Close pendingClose;
  private boolean closing;

  private FrameRelay(String side, int codeWhenGone, Start start) {
    this.side = side;
    this.codeWhenGone = codeWhenGone;
    this.start = start;
  }

  /** The client's end and the upstream's end, paired: {@code [client, upstream]}. */
  static FrameRelay[] pair() {
    Start start = new Start();
    FrameRelay client = new FrameRelay("client", StatusCode.SHUTDOWN, start);
    FrameRelay upstream = new FrameRelay("upstream", StatusCode.SERVER_ERROR, start);
    client.other = upstream;
    upstream.other = client;
    return new FrameRelay[] {client, upstream};
  }

  @Override
  public void onWebSocketOpen(Session opened) {
    opened.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
    opened.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
    opened.setMaxFrameSize(MAX_MESSAGE_BYTES);
    opened.setIdleTimeout(IDLE_TIMEOUT);
    Close close;
    synchronized (this) {
      session = opened;
      close = pendingClose;
    }
    if (close != null) {
      opened.close(close.code(), close.reason(), Callback.NOOP);
      return;
    }
    if (start.secondOpen()) {
      opened.demand();
      other.demand();
    }
  }

  @Override
  public void onWebSocketPartialText(String payload, boolean last) {
    other.session().sendPartialText(payload, last, sent());
  }

  @Override
  public void onWebSocketPartialBinary(ByteBuffer payload, boolean last, Callback callback) {
    other
        .session()
        .sendPartialBinary(
            payload,
            last,
            Callback.from(
                () -> {
                  callback.succeed();
                  demand();
                },
                failure -> {
                  callback.fail(failure);
                  other.gone(failure);
                }));
  }

  @Override
  public void onWebSocketPing(ByteBuffer payload) {
    other.session().sendPing(payload, sent());
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    other.session().sendPong(payload, sent());
  }

  @Override
  public void onWebSocketClose(int code, String reason, Callback callback) {
    log.debug("the {} closed its WebSocket with {}", side, code);
    synchronized (this) {
      closing = true; // closed from its far side: nothing more to close here
    }
    if (other.closeOnce(
        forwarded(code), reason, Callback.from(callback::succeed, callback::fail))) {
      return;
    }
    callback.succeed(); // this close answers one the other side started
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    log.debug("the {}'s WebSocket failed: {}", side, HttpRelay.describe(cause));
    gone(cause);
  }

  /** This end failed or vanished: the other end is closed with this end's code for that. */
  void gone(Throwable cause) {
    other.closeOnce(codeWhenGone, "the " + side + " went away", Callback.NOOP);
  }

  /** Closes this end unless it is closing already; true when this call started the close. */
  boolean closeOnce(int code, String reason, Callback callback) {
    Session open;
    synchronized (this) {
      if (closing) {
        return false;
      }
      closing = true;
      open = session;
      if (open == null) {
        pendingClose = new Close(code, reason);
      }
    }
    if (open == null) {
      callback.succeed();
    } else {
      open.close(code, reason, callback);
    }
    return true;
  }

  private synchronized Session session() {
    return session;
  }

  private void demand() {
    Session open = session();
    if (open != null && open.isOpen()) {
      open.demand();
    }
  }

  /** Demands this end's next frame once a send to the other end completes. */
  private Callback sent() {
    return Callback.from(this::demand, other::gone);
  }

  /** The code to send on for one received: those that never travel become ones that do. */
  private int forwarded(int code) {
    return switch (code) {
      case StatusCode.NO_CODE -> StatusCode.NORMAL;
      case StatusCode.ABNORMAL, StatusCode.FAILED_TLS_HANDSHAKE -> codeWhenGone;
      default -> code;
    };
  }
}
