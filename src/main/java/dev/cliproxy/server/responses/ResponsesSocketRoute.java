package dev.cliproxy.server.responses;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.Exchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /v1/responses} (and {@code /responses}) with a WebSocket upgrade: the Responses API
 * over WebSocket, as Codex CLI's built-in {@code openai} provider opens it. Behind the client-key
 * check (a bad key gets its 401 and no socket); at most {@code responses-websocket.max-open}
 * sockets are open at once, an upgrade past that is refused with a 503 before it opens.
 */
public final class ResponsesSocketRoute implements Endpoint {
  private final Gateway gateway;
  private final AtomicInteger open = new AtomicInteger();

  public ResponsesSocketRoute(Gateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void serve(Exchange exchange) throws IOException {
    if (!"websocket".equalsIgnoreCase(exchange.header("Upgrade"))) {
      throw new ProxyError(
              426,
              ProxyError.Kind.INVALID_REQUEST,
              "websocket_upgrade_required",
              "GET "
                  + exchange.path()
                  + " is the Responses API over WebSocket: connect with a WebSocket client, or"
                  + " POST the request.",
              Optional.empty())
          .toException();
    }
    ResponsesSocketSettings settings = ResponsesSocketSettings.of(exchange.snapshot().config());
    if (open.incrementAndGet() > settings.maxOpen()) {
      open.decrementAndGet();
      throw new ProxyError(
              503,
              ProxyError.Kind.UPSTREAM,
              "websocket_limit_reached",
              "This proxy already has "
                  + settings.maxOpen()
                  + " Responses WebSockets open (responses-websocket.max-open): close one, raise"
                  + " the limit, or POST /v1/responses instead.",
              Optional.of(Duration.ofSeconds(1)))
          .toException();
    }
    SocketTurns turns =
        new SocketTurns(gateway, exchange.providerHeaders(), exchange.path(), exchange.clientKey());
    ResponsesSocket socket =
        new ResponsesSocket(
            turns,
            settings.idleTimeout(),
            exchange.snapshot().config().maxBodyBytes(),
            open::decrementAndGet);
    boolean upgraded;
    try {
      upgraded = exchange.upgrade((request, response, callback) -> socket);
    } catch (RuntimeException e) {
      open.decrementAndGet();
      throw e;
    }
    if (!upgraded) {
      open.decrementAndGet();
      throw new ProxyError(
              400,
              ProxyError.Kind.INVALID_REQUEST,
              "websocket_upgrade_failed",
              "The WebSocket upgrade of "
                  + exchange.path()
                  + " failed: send a version 13 upgrade (Sec-WebSocket-Key and"
                  + " Sec-WebSocket-Version: 13).",
              Optional.empty())
          .toException();
    }
  }
}
