package dev.cliproxy.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices at once when an HTTP/1.1 client closes its connection while its request is being
 * answered, even when nothing is being written (a model thinking before its first token).
 *
 * <p>Jetty reads a connection only while it needs request bytes, so a hang-up would otherwise show
 * only at the next write. Once the request body has been read, this registers its own read interest
 * on the connection: end-of-input means the client is gone. Bytes arriving instead are a pipelined
 * next request, which cannot be handed back to Jetty; the watch then stops, and Jetty answers the
 * damaged next request with 400 and closes. LLM clients do not pipeline, so this costs nothing in
 * practice.
 */
public final class HangUpWatch implements Callback {
  private static final Logger log = LoggerFactory.getLogger(HangUpWatch.class);
  private static final Throwable STOPPED = new IOException("hang-up watch stopped");

  private final AbstractEndPoint endPoint;
  private final Runnable onHangUp;
  private boolean active = true;

  private HangUpWatch(AbstractEndPoint endPoint, Runnable onHangUp) {
    this.endPoint = endPoint;
    this.onHangUp = onHangUp;
  }

  /**
   * Starts watching a request whose body has been read completely; {@code onHangUp} runs once if
   * the client goes away. Returns a watch that does nothing when the connection cannot be watched.
   */
  public static HangUpWatch start(Request request, Runnable onHangUp) {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (!(endPoint instanceof AbstractEndPoint watched)) {
      return new HangUpWatch(null, onHangUp);
    }
    HangUpWatch watch = new HangUpWatch(watched, onHangUp);
    watch.register();
    return watch;
  }

  /** Stops watching; must be called before the response completes, so Jetty can read again. */
  public synchronized void stop() {
    if (active && endPoint != null) {
      active = false;
      endPoint.getFillInterest().onFail(STOPPED);
    }
    active = false;
  }

  private synchronized void register() {
    if (active && endPoint != null && !endPoint.tryFillInterested(this)) {
      active = false; // someone else reads this connection; leave it to them
    }
  }

  @Override
  public void succeeded() {
    boolean gone;
    synchronized (this) {
      if (!active) {
        return;
      }
      int filled;
      try {
        ByteBuffer probe = BufferUtil.allocate(1);
        filled = endPoint.fill(probe);
      } catch (IOException e) {
        filled = -1;
      }
      if (filled == 0) {
        register();
        return;
      }
      active = false;
      gone = filled < 0;
      if (!gone) {
        log.debug("pipelined request bytes arrived during a response; they cannot be served");
      }
    }
    if (gone) {
      onHangUp.run();
    }
  }

  @Override
  public void failed(Throwable cause) {
    boolean wasActive;
    synchronized (this) {
      wasActive = active && cause != STOPPED;
      active = false;
    }
    if (wasActive) {
      onHangUp.run();
    }
  }
}
