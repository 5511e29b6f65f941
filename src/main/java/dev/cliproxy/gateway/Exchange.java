package dev.cliproxy.gateway;

import dev.cliproxy.dialect.model.CodecContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One client request on its way through the gateway: what it asked, the snapshot it reads from
 * start to end, the routes for its model, its translation, where the answer goes, and who listens.
 * Lives on the request's own thread.
 */
final class Exchange {
  private final long id;
  private final ClientRequest request;
  private final RuntimeSnapshot snapshot;
  private final ClientSink sink;
  private final GatewayListeners listeners;
  private final Clock clock;
  private final long startedNanos;
  private String model = "";
  private List<ModelCatalog.Route> routes = List.of();
  private RequestTranslation translation;
  private int attempts;
  private long upstreamWaitNanos;

  Exchange(
      long id,
      ClientRequest request,
      RuntimeSnapshot snapshot,
      ClientSink sink,
      GatewayListeners listeners,
      Clock clock) {
    this.id = id;
    this.request = request;
    this.snapshot = snapshot;
    this.sink = sink;
    this.listeners = listeners;
    this.clock = clock;
    this.startedNanos = System.nanoTime();
  }

  /** Fixes the model and its routes, once they are resolved. */
  void routed(String model, List<ModelCatalog.Route> routes, RequestTranslation translation) {
    this.model = model;
    this.routes = List.copyOf(routes);
    this.translation = translation;
  }

  long id() {
    return id;
  }

  ClientRequest request() {
    return request;
  }

  RuntimeSnapshot snapshot() {
    return snapshot;
  }

  ClientSink sink() {
    return sink;
  }

  Clock clock() {
    return clock;
  }

  /** The model the client asked for (empty until routed). */
  String model() {
    return model;
  }

  List<ModelCatalog.Route> routes() {
    return routes;
  }

  RequestTranslation translation() {
    if (translation == null) {
      throw new IllegalStateException("the exchange has not been routed yet");
    }
    return translation;
  }

  /** A fresh context for codecs, with this moment's time. */
  CodecContext codecContext() {
    return new CodecContext(clock.instant().getEpochSecond(), RandomIds::next);
  }

  /** Numbers the next try: 1, 2, … */
  int nextAttempt() {
    return ++attempts;
  }

  /** The number of the latest try, 0 before the first. */
  int attempts() {
    return attempts;
  }

  /** Adds time spent waiting on an upstream (sending, its head, reading its body). */
  void waitedOnUpstream(long nanos) {
    upstreamWaitNanos += nanos;
  }

  /** The upstream wait added since the last call, for the try that just ended. */
  Duration takeUpstreamWait() {
    Duration wait = Duration.ofNanos(upstreamWaitNanos);
    upstreamWaitNanos = 0;
    return wait;
  }

  /** Whether anyone listens (usage sniffing is skipped otherwise). */
  boolean watched() {
    return listeners.any();
  }

  /** Tells the listeners. */
  void tell(GatewayEvent event) {
    listeners.tell(event);
  }

  /** Time since the gateway took the request. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
