package dev.cliproxy.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link ClientSink} that keeps what the gateway wrote, and can play a client that left. */
final class RecordingSink implements ClientSink {
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private int status;
  private String contentType = "";
  private boolean committed;
  private boolean ended;
  private boolean hungUp;
  private int eventsBeforeHangUp = Integer.MAX_VALUE;
  private Runnable onHangUp = () -> {};

  /** Makes the client hang up after it has received this many events. */
  RecordingSink hangUpAfter(int events) {
    this.eventsBeforeHangUp = events;
    return this;
  }

  @Override
  public void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    check();
    this.status = status;
    this.contentType = contentType;
    this.headers.putAll(headers);
    committed = true;
    ended = true;
    written.write(body);
  }

  @Override
  public void beginStream(int status, String contentType, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.headers.putAll(headers);
  }

  @Override
  public void event(byte[] bytes) throws IOException {
    check();
    if (eventsBeforeHangUp-- <= 0) {
      hangUp();
      check();
    }
    committed = true;
    written.write(bytes);
  }

  @Override
  public void end() throws IOException {
    check();
    ended = true;
  }

  @Override
  public boolean committed() {
    return committed;
  }

  @Override
  public void onHangUp(Runnable action) {
    onHangUp = action;
    if (hungUp) {
      action.run();
    }
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }

  void hangUp() {
    hungUp = true;
    onHangUp.run();
  }

  private void check() throws IOException {
    if (hungUp) {
      throw new IOException("client hung up");
    }
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  Map<String, String> headers() {
    return headers;
  }

  boolean ended() {
    return ended;
  }

  String body() {
    return written.toString(StandardCharsets.UTF_8);
  }
}
