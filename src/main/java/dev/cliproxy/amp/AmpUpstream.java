package dev.cliproxy.amp;

import dev.cliproxy.config.Config;
import dev.cliproxy.config.ProxyUrl;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.relay.HttpRelay;
import dev.cliproxy.server.relay.RelayRequest;
import dev.cliproxy.server.relay.WebSocketRelay;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Amp upstream (ampcode.com, or what {@code upstream-url} names) as this proxy reaches it: the
 * settings of the config a request arrived with, and the HTTP and WebSocket relays that carry the
 * request there, through the config's {@code proxy-url} when it has one.
 */
public final class AmpUpstream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AmpUpstream.class);

  private final Function<Optional<ProxyUrl>, HttpClient> clients;
  private final AmpSecret secret;
  private final Map<HttpClient, Relays> relays = new ConcurrentHashMap<>();
  private final AtomicReference<AmpState> state = new AtomicReference<>();

  private record Relays(HttpRelay http, WebSocketRelay webSockets) {}

  /**
   * @param clients the HTTP client for a config's {@code proxy-url} (shared with the gateway)
   * @param secret where the Amp secret comes from
   */
  public AmpUpstream(Function<Optional<ProxyUrl>, HttpClient> clients, AmpSecret secret) {
    this.clients = clients;
    this.secret = secret;
  }

  /**
   * Reads the Amp settings of a config the proxy starts or reloads with, logging them when they
   * changed; requests of that config then find them read.
   */
  public void use(Config config) {
    state(config);
  }

  /**
   * The Amp settings of a config, read once per config: a reloaded config is logged and makes the
   * secret file be read again.
   */
  AmpState state(Config config) {
    AmpState known = state.get();
    if (known != null && known.config() == config) {
      return known;
    }
    AmpState next = AmpState.of(config);
    if (state.compareAndSet(known, next)) {
      secret.forget();
      if (known == null || !known.settings().equals(next.settings())) {
        log.info("Amp: {}", next.describe());
      }
    }
    return next;
  }

  /**
   * Relays a request to the Amp upstream unchanged but for its credentials: a WebSocket upgrade
   * frame by frame, anything else as HTTP.
   *
   * @param body the body when it was already read, else empty (it is streamed on)
   */
  void relay(Exchange exchange, AmpState amp, URI upstream, Optional<byte[]> body)
      throws IOException {
    RelayRequest request =
        AmpBound.of(
            exchange,
            upstream,
            exchange.snapshot().clientKeys(),
            presented -> secret.resolve(amp.settings(), presented).map(AmpKey::value),
            body);
    Relays relay =
        relays.computeIfAbsent(
            clients.apply(exchange.snapshot().config().proxyUrl()),
            client -> new Relays(new HttpRelay(client), new WebSocketRelay(client)));
    if ("websocket".equalsIgnoreCase(exchange.header("Upgrade"))) {
      relay.webSockets().relay(exchange, request);
    } else {
      relay.http().relay(exchange, request);
    }
  }

  @Override
  public void close() {
    for (Relays relay : relays.values()) {
      try {
        relay.webSockets().close();
      } catch (Exception e) {
        log.warn("Amp: stopping the WebSocket relay: {}", e.toString());
      }
    }
    relays.clear();
  }
}
