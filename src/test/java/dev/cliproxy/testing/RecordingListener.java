package dev.cliproxy.testing;

import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.gateway.GatewayListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event, for tests that check what the gateway reports. */
public final class RecordingListener implements GatewayListener {
  private final List<GatewayEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void on(GatewayEvent event) {
    events.add(event);
  }

  /** Every event so far, in order. */
  public List<GatewayEvent> events() {
    return List.copyOf(events);
  }

  /** The events of one type, in order. */
  public <T extends GatewayEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The events of one request, in order. */
  public List<GatewayEvent> ofRequest(long requestId) {
    return events.stream().filter(e -> e.requestId() == requestId).toList();
  }

  public void clear() {
    events.clear();
  }
}
