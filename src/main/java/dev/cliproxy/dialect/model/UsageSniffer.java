package dev.cliproxy.dialect.model;

import java.util.Optional;

/**
 * Reads the token usage a streamed answer of one dialect reports, from its raw server-sent events
 * as they pass through the proxy unchanged, without re-encoding them. Stateful: one per answer.
 */
public interface UsageSniffer {

  /** Looks at one raw server-sent event (its bytes up to and including the blank line). */
  void onEvent(byte[] sseEvent);

  /** The usage the events seen so far report, in canonical form; empty when none did. */
  Optional<Usage> usage();
}
