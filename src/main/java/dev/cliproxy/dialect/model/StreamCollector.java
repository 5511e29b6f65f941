package dev.cliproxy.dialect.model;

import dev.cliproxy.dialect.ProxyError;

/**
 * Rebuilds an upstream's whole answer from its stream, for upstreams that only stream (the Codex
 * backend) when the client wants one JSON answer. Stateful: one per upstream response.
 */
public interface StreamCollector {

  /** Takes one raw server-sent event (its bytes up to and including the blank line). */
  void onEvent(byte[] sseEvent);

  /** After the last event: the whole answer, or why the stream did not make one. */
  Result result();

  /** What the stream made. */
  sealed interface Result {
    /** The answer as this dialect's non-stream body. */
    record Complete(byte[] body) implements Result {}

    /**
     * The stream failed or ended before its final event.
     *
     * @param error what to report (408 when it was cut short, 502 when the upstream said it failed)
     * @param body the same error as this dialect's error body
     */
    record Incomplete(ProxyError error, byte[] body) implements Result {}
  }
}
