package dev.cliproxy.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners registered with a gateway, told of each event in registration order; one that
 * throws is logged and the others still hear the event.
 */
public final class GatewayListeners {
  private static final Logger log = LoggerFactory.getLogger(GatewayListeners.class);

  private final List<GatewayListener> listeners = new CopyOnWriteArrayList<>();

  /** Registers a listener; it hears requests accepted from now on. */
  public void add(GatewayListener listener) {
    listeners.add(listener);
  }

  /** Stops telling a listener. */
  public void remove(GatewayListener listener) {
    listeners.remove(listener);
  }

  /** Whether anyone listens, so work only listeners need (usage sniffing) can be skipped. */
  boolean any() {
    return !listeners.isEmpty();
  }

  void tell(GatewayEvent event) {
    for (GatewayListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        log.warn(
            "gateway listener {} failed on {}; the request goes on",
            listener.getClass().getName(),
            event.getClass().getSimpleName(),
            e);
      }
    }
  }
}
