package dev.cliproxy.gateway;

import java.io.IOException;
import java.util.Map;

/** Where the gateway writes its answer: the client's connection, seen from inside. */
public interface ClientSink {

  /** Sends a whole response. */
  void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException;

  /**
   * Prepares a response whose body follows in parts ({@link #event}) until {@link #end}, for
   * answers that are not held whole; status and headers go out with the first part, so a {@link
   * #complete} before it still answers instead.
   */
  void beginStream(int status, String contentType, Map<String, String> headers);

  /** Prepares a 200 {@code text/event-stream} response; headers go out with the first event. */
  default void beginEventStream() {
    beginStream(
        200,
        "text/event-stream; charset=utf-8",
        Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no"));
  }

  /** Writes one event (or part of a streamed body) and flushes it to the client. */
  void event(byte[] bytes) throws IOException;

  /** Ends the event stream. */
  void end() throws IOException;

  /** Whether anything has been sent to the client yet (after that, no failover). */
  boolean committed();

  /**
   * Runs {@code action} as soon as the client hangs up (at once if it already has). Replaces any
   * earlier action.
   */
  void onHangUp(Runnable action);

  /** Whether the client has hung up. */
  boolean hungUp();
}
