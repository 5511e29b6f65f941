package dev.cliproxy.server.relay;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers that belong to one connection and never travel through a proxy (RFC 9110 section
 * 7.6.1): the fixed list, and every header a {@code Connection} header names.
 */
final class HopByHopHeaders {
  private static final Set<String> FIXED =
      Set.of(
          "connection",
          "proxy-connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final Set<String> names;

  private HopByHopHeaders(Set<String> names) {
    this.names = names;
  }

  /** The hop-by-hop headers of one message: the fixed ones plus those its Connection names. */
  static HopByHopHeaders of(Iterable<HttpField> fields) {
    Set<String> names = new HashSet<>(FIXED);
    for (HttpField field : fields) {
      if (field.getHeader() == HttpHeader.CONNECTION) {
        for (String token : field.getValue().split(",")) {
          String name = token.trim().toLowerCase(Locale.ROOT);
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      }
    }
    return new HopByHopHeaders(names);
  }

  /** Whether this header (any case) stays on its hop. */
  boolean contains(String name) {
    return names.contains(name.toLowerCase(Locale.ROOT));
  }
}
