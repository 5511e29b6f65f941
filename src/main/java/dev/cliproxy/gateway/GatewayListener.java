package dev.cliproxy.gateway;

/**
 * Watches requests go through the gateway ({@link GatewayEvent}): for usage statistics, metrics,
 * request logs. Called on the request's own thread, so it must be quick and must not block; an
 * exception it throws is logged and never breaks the request.
 */
@FunctionalInterface
public interface GatewayListener {

  /** One event; switch over the sealed {@link GatewayEvent} for the ones of interest. */
  void on(GatewayEvent event);
}
