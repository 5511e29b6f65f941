package dev.cliproxy.metrics;

import java.util.Optional;

/**
 * What the metrics remember about one request between its {@code Accepted} event and its last one:
 * the labels its final meters need and the upstream time of its tries so far. Touched only on the
 * request's own thread.
 */
final class InFlightRequest {
  final String dialect;
  final Optional<String> model;
  final boolean stream;
  String provider = "none";
  String upstreamModel = "";
  boolean reachedUpstream;
  long upstreamWaitNanos;

  InFlightRequest(String dialect, Optional<String> model, boolean stream) {
    this.dialect = dialect;
    this.model = model;
    this.stream = stream;
  }
}
