package dev.cliproxy.server.responses;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The sending side of one Responses WebSocket: text messages written one at a time, each send
 * returning once Jetty has written it, so a slow client slows the upstream's stream instead of
 * filling memory.
 */
final class SocketFrames {
  private final Session session;

  SocketFrames(Session session) {
    this.session = session;
  }

  /**
   * Sends one text message and waits until it is written.
   *
   * @throws IOException when the socket is closed or the write failed
   */
  synchronized void send(String text) throws IOException {
    if (!session.isOpen()) {
      throw new EofException("the client closed the WebSocket");
    }
    Callback.Completable written = new Callback.Completable();
    session.sendText(text, written);
    try {
      written.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending to the WebSocket");
    }
  }

  /** Closes the socket with a code and a reason the client sees (at most 123 bytes). */
  void close(int code, String reason) {
    session.close(code, reason, Callback.NOOP);
  }
}
