package dev.cliproxy.amp;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.LoopbackPeer;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything else Amp calls under its URL (its JSON-RPC and REST API, the login pages, threads, the
 * agent's WebSocket), relayed to the Amp upstream: only for peers on this machine while the
 * restriction is on, and a 503 naming the setting when no upstream is configured.
 */
final class ManagementRoute implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(ManagementRoute.class);

  private final AmpUpstream upstream;

  ManagementRoute(AmpUpstream upstream) {
    this.upstream = upstream;
  }

  @Override
  public void serve(Exchange exchange) throws IOException {
    AmpState amp = upstream.state(exchange.snapshot().config());
    if (amp.settings().restrictManagementToLocalhost() && !LoopbackPeer.admits(exchange.peer())) {
      log.warn(
          "Amp: refused {} {} from {}: management routes are open to this machine only",
          exchange.method(),
          exchange.path(),
          exchange.peer());
      throw LocalhostOnly.refusal(exchange.path()).toException();
    }
    URI url = amp.settings().upstreamUrl().orElseThrow(() -> notConfigured(exchange));
    upstream.relay(exchange, amp, url, Optional.empty());
  }

  private static RuntimeException notConfigured(Exchange exchange) {
    return new ProxyError(
            503,
            ProxyError.Kind.UPSTREAM,
            "amp_upstream_not_configured",
            "amp upstream proxy not available: "
                + exchange.path()
                + " is relayed to Amp, and no Amp upstream is configured. Set ampcode.upstream-url"
                + " (or amp-upstream-url) to https://ampcode.com in config.yaml.",
            Optional.empty())
        .toException();
  }
}
