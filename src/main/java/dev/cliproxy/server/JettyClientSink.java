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

  private final Response response;
  private final AtomicReference<Runnable> onHangUp = new AtomicReference<>(NOTHING);
  private volatile boolean hungUp;
  private volatile boolean committed;
  private volatile HangUpWatch watch;
  private int status;

  JettyClientSink(Request request, Response response) {
    this.response = response;
    request.addFailureListener(failure -> hangUp());
  }

  int status() {
    return status;
  }

  /**
   * Stops {@code watch} before the last write: once the answer is complete a keep-alive client may
   * send its next request at once, and a watch still reading would swallow that request's first
   * byte.
   */
  void stopBeforeLastWrite(HangUpWatch watch) {
    this.watch = watch;
  }

  @Override
  public void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    this.status = status;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    headers.forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    write(true, ByteBuffer.wrap(body));
  }

  @Override
  public void beginEventStream() {
    this.status = 200;
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("X-Accel-Buffering", "no");
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
    committed = true;
    HangUpWatch active = watch;
    if (last && active != null) {
      active.stop();
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
