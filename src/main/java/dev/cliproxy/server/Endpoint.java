package dev.cliproxy.server;

import java.io.IOException;

/**
 * What answers a request that matched a module's path table: it writes the answer through the
 * exchange, throws a {@link dev.cliproxy.dialect.ProxyException} for an error the server answers in
 * the exchange's dialect, or takes the connection over as a WebSocket.
 */
@FunctionalInterface
public interface Endpoint {

  /**
   * Answers one exchange.
   *
   * @throws IOException when the client is gone (the server then only logs the request)
   */
  void serve(Exchange exchange) throws IOException;
}
