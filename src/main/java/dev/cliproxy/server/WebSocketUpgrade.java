package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import java.util.Optional;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/** The endpoint of a route that only takes WebSocket upgrades. */
public final class WebSocketUpgrade {
  private WebSocketUpgrade() {}

  /**
   * An endpoint that upgrades the connection to a WebSocket whose endpoint {@code creator} makes (a
   * Jetty {@code Session.Listener}), and answers 426 to a request that is not an upgrade.
   */
  public static Endpoint to(WebSocketCreator creator) {
    return exchange -> {
      if (!exchange.upgrade(creator)) {
        throw new ProxyError(
                426,
                ProxyError.Kind.INVALID_REQUEST,
                "websocket_upgrade_required",
                exchange.path()
                    + " speaks WebSocket only: connect with a WebSocket client (GET with"
                    + " 'Upgrade: websocket').",
                Optional.empty())
            .toException();
      }
    };
  }
}
