package dev.cliproxy.server.relay;

import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.PathTable;
import dev.cliproxy.server.ServerModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A test module relaying {@code /api/*} over HTTP and {@code /actors/*} as WebSockets to one
 * upstream, each request as the current policy builds it (by default: unchanged).
 */
final class RelayModule implements ServerModule {
  static final byte[] UNREACHABLE =
      "{\"error\":\"amp_upstream_proxy_error\",\"message\":\"Failed to reach Amp upstream\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpRelay http;
  private final WebSocketRelay webSockets;
  private volatile Function<Exchange, RelayRequest> policy;

  RelayModule(HttpRelay http, WebSocketRelay webSockets, URI upstream) {
    this.http = http;
    this.webSockets = webSockets;
    this.policy = exchange -> RelayRequest.unchanged(upstream, exchange, UNREACHABLE);
  }

  /** Builds each request's relay from now on. */
  void policy(Function<Exchange, RelayRequest> policy) {
    this.policy = policy;
  }

  @Override
  public PathTable<Endpoint> routes() {
    return PathTable.<Endpoint>builder()
        .any("/api/*", exchange -> http.relay(exchange, policy.apply(exchange)))
        .get("/actors/*", exchange -> webSockets.relay(exchange, policy.apply(exchange)))
        .build();
  }
}
