package dev.cliproxy.gateway;

import java.io.IOException;
import java.util.Map;

/** Where the gateway writes its answer: the client's connection, seen from inside. */
public interface ClientSink {

  /** Sends a whole response. */
  void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException;

  /** Prepares a 200 {@code text/event-stream} response; headers go out with the first event. */
  void beginEventStream();

  /** Writes one event and flushes it to the client. */
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
