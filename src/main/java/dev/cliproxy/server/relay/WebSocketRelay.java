package dev.cliproxy.server.relay;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.server.Exchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reverse proxy for WebSocket upgrades: opens the client's WebSocket towards the upstream first
 * (same path and query joining, headers and subprotocol list as {@link HttpRelay} would send, less
 * the handshake headers the WebSocket client makes itself), and only when the upstream accepts
 * upgrades the client, with the subprotocol the upstream selected. From then on {@link FrameRelay}
 * carries the frames both ways. A refused upgrade reaches the client as the upstream's plain HTTP
 * answer; an unreachable upstream as a 502 with the request's {@code unreachableBody}.
 */
public final class WebSocketRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebSocketRelay.class);
  private static final long UPGRADE_TIMEOUT_SECONDS = 60;
  private static final Set<String> MADE_BY_WEBSOCKET_CLIENT =
      Set.of(
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-extensions",
          "sec-websocket-protocol",
          "sec-websocket-accept");

  private final WebSocketClient client;

  /**
   * A relay opening upstream WebSockets through {@code client} (its connect timeout, proxy, TLS);
   * the client is shared, not owned: {@link #close()} leaves it running.
   *
   * @throws IllegalArgumentException when the client would take 401 answers over ({@link
   *     PassThroughClient})
   */
  public WebSocketRelay(HttpClient client) {
    this.client = new WebSocketClient(PassThroughClient.require(Objects.requireNonNull(client)));
    this.client.setMaxTextMessageSize(FrameRelay.MAX_MESSAGE_BYTES);
    this.client.setMaxBinaryMessageSize(FrameRelay.MAX_MESSAGE_BYTES);
    this.client.setMaxFrameSize(FrameRelay.MAX_MESSAGE_BYTES);
    this.client.setIdleTimeout(FrameRelay.IDLE_TIMEOUT);
    try {
      this.client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the WebSocket client: " + e, e);
    }
  }

  /**
   * Relays one WebSocket upgrade request; returns once the client is upgraded (the frames then flow
   * on Jetty's threads) or has its refusal.
   *
   * @throws dev.cliproxy.dialect.ProxyException 426 when the request is not a WebSocket upgrade
   * @throws IOException when the client hung up
   */
  public void relay(Exchange exchange, RelayRequest relay) throws IOException {
    if (!"websocket".equalsIgnoreCase(exchange.header("Upgrade"))) {
      throw new ProxyError(
              426,
              ProxyError.Kind.INVALID_REQUEST,
              "websocket_upgrade_required",
              exchange.path() + " speaks WebSocket only (GET with 'Upgrade: websocket').",
              Optional.empty())
          .toException();
    }
    ClientUpgradeRequest upgrade = new ClientUpgradeRequest(relay.webSocketTarget());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : OutgoingHeaders.of(exchange, relay, MADE_BY_WEBSOCKET_CLIENT)) {
      headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
    }
    headers.forEach(upgrade::setHeader);
    upgrade.setSubProtocols(offeredSubprotocols(exchange));
    upgrade.setTimeout(UPGRADE_TIMEOUT_SECONDS, TimeUnit.SECONDS);

    FrameRelay[] ends = FrameRelay.pair();
    UpgradeAnswer answer = new UpgradeAnswer();
    Session upstream;
    try {
      upstream =
          client
              .connect(ends[1], upgrade, answer)
              .get(UPGRADE_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      refused(exchange, relay, e.getCause(), answer);
      return;
    } catch (TimeoutException e) {
      HttpRelay.unreachable(exchange, relay, e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while opening the upstream WebSocket");
    }
    String selected = upstream.getUpgradeResponse().getAcceptedSubProtocol();
    boolean upgraded =
        exchange.upgrade((request, response, callback) -> {
          if (selected != null && !selected.isEmpty()) {
            response.setAcceptedSubProtocol(selected);
          }
          for (HttpField field : answer.fields()) {
            if (field.getLowerCaseName().equals("set-cookie")) {
              response.getHeaders().add(field);
            }
          }
          return ends[0];
        });
    if (!upgraded) {
      upstream.close(StatusCode.SHUTDOWN, "the client's upgrade failed", Callback.NOOP);
      log.debug(
          "{} {}: the client's side of the upgrade failed", exchange.method(), exchange.path());
    }
  }

  /** The client's subprotocols in order, from every Sec-WebSocket-Protocol header. */
  private static List<String> offeredSubprotocols(Exchange exchange) {
    List<String> offered = new ArrayList<>();
    for (String value : exchange.headerValues("Sec-WebSocket-Protocol")) {
      Arrays.stream(value.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(offered::add);
    }
    return offered;
  }

  /** The upgrade failed: the upstream's refusal as a plain answer, or a 502 when unreachable. */
  private static void refused(
      Exchange exchange, RelayRequest relay, Throwable cause, UpgradeAnswer answer)
      throws IOException {
    int status = cause instanceof UpgradeException u ? u.getResponseStatusCode() : 0;
    if (status < 200) {
      HttpRelay.unreachable(exchange, relay, cause);
      return;
    }
    log.debug(
        "{} {}: the upstream refused the WebSocket with {}",
        exchange.method(),
        exchange.path(),
        status);
    byte[] body = answer.body();
    String contentType = answer.value("Content-Type");
    if (body.length == 0) {
      body =
          ("{\"error\":\"websocket_upgrade_refused\",\"message\":\"The upstream refused the"
                  + " WebSocket upgrade with HTTP "
                  + status
                  + ".\"}")
              .getBytes(StandardCharsets.UTF_8);
      contentType = "application/json";
    }
    HopByHopHeaders hopByHop = HopByHopHeaders.of(answer.fields());
    Map<String, String> headers = new HashMap<>();
    for (HttpField field : answer.fields()) {
      String name = field.getLowerCaseName();
      if (!hopByHop.contains(name)
          && !name.equals("content-length")
          && !name.equals("content-type")
          && !MADE_BY_WEBSOCKET_CLIENT.contains(name)) {
        headers.merge(field.getName(), field.getValue(), (a, b) -> a + ", " + b);
      }
    }
    exchange
        .sink()
        .complete(
            status, contentType == null ? "application/octet-stream" : contentType, body, headers);
  }

  /** Stops the WebSocket client; open relays are cut. The HTTP client stays running. */
  @Override
  public void close() throws Exception {
    client.stop();
  }
}
