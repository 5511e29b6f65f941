package dev.cliproxy.dialect.model;

import java.util.List;

/**
 * Turns canonical stream events into one client dialect's server-sent events, each a complete wire
 * event ready to write and flush. Stateful: one per client response.
 */
public interface StreamEncoder {

  /** The wire events for one canonical event (possibly none). */
  List<byte[]> encode(StreamEvent event);
}
