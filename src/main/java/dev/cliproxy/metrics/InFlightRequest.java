package dev.cliproxy.metrics;

import java.time.Duration;
import java.util.Optional;

/**
 * What the metrics remember about one request between its {@code Accepted} event and its last one:
 * the labels its final meters need and the upstream wait of its tries so far. Touched only on the
 * request's own thread.
 */
final class InFlightRequest {
  private final String dialect;
  private final Optional<String> model;
  private final boolean stream;
  private String provider = "none";
  private String upstreamModel = "";
  private boolean reachedUpstream;
  private long upstreamWaitNanos;

  InFlightRequest(String dialect, Optional<String> model, boolean stream) {
    this.dialect = dialect;
    this.model = model;
    this.stream = stream;
  }

  /** A try of this request went to {@code provider} for {@code upstreamModel}. */
  void tried(String provider, String upstreamModel, Duration upstreamWait) {
    servedBy(provider, upstreamModel);
    upstreamWaitNanos += upstreamWait.toNanos();
  }

  /** The answer came from {@code provider}'s {@code upstreamModel}. */
  void servedBy(String provider, String upstreamModel) {
    this.provider = provider;
    this.upstreamModel = upstreamModel;
    this.reachedUpstream = true;
  }

  /** The client's dialect, as a label value. */
  String dialect() {
    return dialect;
  }

  /** The model the client asked for, if it named one. */
  Optional<String> model() {
    return model;
  }

  boolean stream() {
    return stream;
  }

  /** The provider that served or last tried it; {@code none} before any try. */
  String provider() {
    return provider;
  }

  /** The model sent upstream by the latest try; empty before any try. */
  String upstreamModel() {
    return upstreamModel;
  }

  /** Whether a try reached an upstream, so the model asked for is one the proxy serves. */
  boolean reachedUpstream() {
    return reachedUpstream;
  }

  /** Its elapsed time less its tries' upstream waits: its time inside the proxy. */
  Duration insideProxy(Duration elapsed) {
    return Duration.ofNanos(Math.max(0, elapsed.toNanos() - upstreamWaitNanos));
  }
}
