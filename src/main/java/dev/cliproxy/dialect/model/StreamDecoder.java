package dev.cliproxy.dialect.model;

import java.util.List;

/**
 * Turns one upstream's server-sent events into canonical stream events. Stateful: one per upstream
 * response.
 */
public interface StreamDecoder {

  /** The canonical events for one raw SSE event (its bytes up to and including the blank line). */
  List<StreamEvent> onEvent(byte[] sseEvent);

  /**
   * The events that close the stream at end of input: open blocks closed and a {@link
   * StreamEvent.Finish} if the upstream ended without one, or a {@link StreamEvent.Failure} if it
   * ended before it said it was done.
   */
  List<StreamEvent> onEnd();
}
