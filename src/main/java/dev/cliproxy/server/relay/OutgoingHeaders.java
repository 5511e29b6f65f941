package dev.cliproxy.server.relay;

import dev.cliproxy.server.Exchange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The request headers a relay sends upstream: the client's, in order, without the hop-by-hop ones
 * and those the relay's client sets itself ({@code Host}, content framing), with the TCP peer
 * appended to {@code X-Forwarded-For}, then the caller's removals and replacements.
 */
final class OutgoingHeaders {
  /** Set by the client library from the upstream URL and the body actually sent. */
  private static final Set<String> MADE_BY_CLIENT = Set.of("host", "content-length", "expect");

  private OutgoingHeaders() {}

  /**
   * The headers for {@code relay}, dropping {@code alsoDrop} (lower case) as well: for a WebSocket,
   * the handshake headers its client library makes itself.
   */
  static List<HttpField> of(Exchange exchange, RelayRequest relay, Set<String> alsoDrop) {
    HttpFields in = exchange.request().getHeaders();
    HopByHopHeaders hopByHop = HopByHopHeaders.of(in);
    List<HttpField> out = new ArrayList<>();
    List<String> forwardedFor = new ArrayList<>();
    boolean trailers = false;
    for (HttpField field : in) {
      String name = field.getLowerCaseName();
      if (name.equals("te")) {
        trailers |= field.getValue().toLowerCase(Locale.ROOT).contains("trailers");
      } else if (name.equals("x-forwarded-for")) {
        forwardedFor.add(field.getValue());
      } else if (!hopByHop.contains(name)
          && !MADE_BY_CLIENT.contains(name)
          && !alsoDrop.contains(name)) {
        out.add(field);
      }
    }
    if (trailers) {
      out.add(new HttpField("TE", "trailers"));
    }
    InetSocketAddress peer = exchange.peer();
    if (peer != null && peer.getAddress() != null) {
      forwardedFor.add(peer.getAddress().getHostAddress());
    }
    if (!forwardedFor.isEmpty()) {
      out.add(new HttpField("X-Forwarded-For", String.join(", ", forwardedFor)));
    }
    out.removeIf(f -> relay.removeHeaders().contains(f.getLowerCaseName()));
    for (Map.Entry<String, String> set : relay.setHeaders().entrySet()) {
      out.removeIf(f -> f.getName().equalsIgnoreCase(set.getKey()));
      out.add(new HttpField(set.getKey(), set.getValue()));
    }
    return out;
  }
}
