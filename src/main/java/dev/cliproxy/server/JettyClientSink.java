package dev.cliproxy.server;

import dev.cliproxy.gateway.ClientSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/** The gateway's view of one Jetty exchange: blocking writes, one flush per event. */
final class JettyClientSink implements ClientSink {
  private static final Runnable NOTHING = () -> {};

  private final Request request;
  private final Response response;
  private HangUpWatch watch;
  private final AtomicReference<Runnable> onHangUp = new AtomicReference<>(NOTHING);
  private volatile boolean hungUp;
  private volatile boolean committed;
  private int status;
  private Runnable head = NOTHING;

  JettyClientSink(Request request, Response response) {
    this.request = request;
    this.response = response;
    request.addFailureListener(failure -> hangUp());
  }

  /**
   * Starts noticing a hang-up while nothing is being written; call once the request body has been
   * read. The watch ends before the last byte of the answer goes out, because from then on the
   * client may send its next request on this connection.
   */
  void watchForHangUp() {
    watch = HangUpWatch.start(request, this::hangUp);
  }

  /** Ends the hang-up watch, if any; idempotent. */
  void stopWatching() {
    if (watch != null) {
      watch.stop();
    }
  }

  int status() {
    return status;
  }

  @Override
  public void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    this.status = status;
    head = NOTHING;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    headers.forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    write(true, ByteBuffer.wrap(body));
  }

  @Override
  public void beginStream(int status, String contentType, Map<String, String> headers) {
    this.status = status;
    Map<String, String> kept = Map.copyOf(headers);
    head =
        () -> {
          response.setStatus(status);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
          kept.forEach((name, value) -> response.getHeaders().put(name, value));
        };
  }

  @Override
  public void event(byte[] bytes) throws IOException {
    write(false, ByteBuffer.wrap(bytes));
  }

  @Override
  public void end() throws IOException {
    write(true, ByteBuffer.allocate(0));
  }

  @Override
  public boolean committed() {
    return committed;
  }

  @Override
  public void onHangUp(Runnable action) {
    onHangUp.set(action);
    if (hungUp) {
      action.run();
    }
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }

  private void write(boolean last, ByteBuffer buffer) throws IOException {
    if (hungUp) {
      throw new EofException("client hung up");
    }
    if (!committed) {
      head.run();
      head = NOTHING;
    }
    committed = true;
    if (last) {
      stopWatching();
    }
    try (Blocker.Callback callback = Blocker.callback()) {
      response.write(last, buffer, callback);
      callback.block();
    } catch (IOException e) {
      hangUp();
      throw e;
    }
  }

  void hangUp() {
    if (!hungUp) {
      hungUp = true;
      onHangUp.getAndSet(NOTHING).run();
    }
  }
}
