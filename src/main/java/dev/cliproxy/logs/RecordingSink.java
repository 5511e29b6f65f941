package dev.cliproxy.logs;

import dev.cliproxy.gateway.ClientSink;
import java.io.IOException;
import java.util.Map;

/**
 * A client sink that notes the answer as it goes out: its status and headers, and its body (a whole
 * body by reference, bounded when the file is written; stream events copied into a bounded capture
 * only when {@code events} is given, so that error-only logging costs nothing per event).
 */
final class RecordingSink implements ClientSink {
  private final ClientSink sink;
  private final BodyCapture events;
  private volatile int status;
  private volatile String contentType = "";
  private volatile Map<String, String> headers = Map.of();
  private volatile byte[] body = new byte[0];
  private volatile boolean streamed;

  /**
   * @param events where stream events are copied; null to count none
   */
  RecordingSink(ClientSink sink, BodyCapture events) {
    this.sink = sink;
    this.events = events;
  }

  @Override
  public void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    this.status = status;
    this.contentType = contentType == null ? "" : contentType;
    this.body = body;
    this.headers = Map.copyOf(headers);
    sink.complete(status, contentType, body, headers);
  }

  @Override
  public void beginStream(int status, String contentType, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.headers = Map.copyOf(headers);
    streamed = true;
    sink.beginStream(status, contentType, headers);
  }

  @Override
  public void event(byte[] bytes) throws IOException {
    if (events != null) {
      events.append(bytes);
    }
    sink.event(bytes);
  }

  @Override
  public void end() throws IOException {
    sink.end();
  }

  @Override
  public boolean committed() {
    return sink.committed();
  }

  @Override
  public void onHangUp(Runnable action) {
    sink.onHangUp(action);
  }

  @Override
  public boolean hungUp() {
    return sink.hungUp();
  }

  /** The status sent, 0 while none was. */
  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** Whether the answer went out as an event stream. */
  boolean streamed() {
    return streamed;
  }

  /** The whole body sent, or the stream's events as far as they were kept. */
  BodyCapture.Body body() {
    if (streamed) {
      return events == null ? BodyCapture.Body.NONE : events.body();
    }
    return BodyCapture.Body.of(body, BodyCapture.CAP);
  }
}
