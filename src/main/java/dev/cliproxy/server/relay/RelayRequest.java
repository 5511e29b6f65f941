package dev.cliproxy.server.relay;

import dev.cliproxy.server.Exchange;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where one relayed request goes and what changes on the way, as the caller's policy decided it.
 *
 * @param upstream the base URL: {@code http} or {@code https}, host, port, optional base path and
 *     optional query of its own
 * @param path the raw incoming path appended to the base path ({@link Exchange#rawPath()} usually)
 * @param query the raw query to send, joined after the upstream's own query with {@code &}
 * @param removeHeaders request header names to drop (any case)
 * @param setHeaders request headers to set, replacing the client's values
 * @param body the body when the caller has read it already ({@link Exchange#body()}); when empty
 *     the request content is streamed on as it arrives
 * @param unreachableBody the JSON body of the 502 answered when the upstream cannot be reached
 */
public record RelayRequest(
    URI upstream,
    String path,
    Optional<String> query,
    Set<String> removeHeaders,
    Map<String, String> setHeaders,
    Optional<byte[]> body,
    byte[] unreachableBody) {

  public RelayRequest {
    Objects.requireNonNull(upstream, "upstream");
    String scheme =
        upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("the upstream must be an http or https URL: " + upstream);
    }
    if (upstream.getHost() == null) {
      throw new IllegalArgumentException("the upstream URL has no host: " + upstream);
    }
    path = Objects.requireNonNull(path, "path");
    query = Objects.requireNonNull(query, "query").filter(q -> !q.isEmpty());
    removeHeaders =
        removeHeaders.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    setHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(setHeaders));
    body = Objects.requireNonNull(body, "body");
    unreachableBody = Objects.requireNonNull(unreachableBody, "unreachableBody");
  }

  /**
   * The exchange's own path, query, headers and streamed body, sent to {@code upstream} unchanged
   * but for what every relay changes (hop-by-hop headers, {@code X-Forwarded-For}).
   */
  public static RelayRequest unchanged(URI upstream, Exchange exchange, byte[] unreachableBody) {
    return new RelayRequest(
        upstream,
        exchange.rawPath(),
        Optional.ofNullable(exchange.rawQuery()),
        Set.of(),
        Map.of(),
        Optional.empty(),
        unreachableBody);
  }

  /** The URL the request goes to: base path and path joined by one slash, queries joined by &. */
  public URI target() {
    return target(upstream.getScheme().toLowerCase(Locale.ROOT));
  }

  /** The same URL for a WebSocket: {@code ws} for {@code http}, {@code wss} for {@code https}. */
  public URI webSocketTarget() {
    return target(upstream.getScheme().equalsIgnoreCase("https") ? "wss" : "ws");
  }

  private URI target(String scheme) {
    StringBuilder url = new StringBuilder(scheme).append("://").append(upstream.getRawAuthority());
    url.append(joinedPath(upstream.getRawPath(), path));
    String own = upstream.getRawQuery();
    Optional<String> joined =
        own == null || own.isEmpty()
            ? query
            : Optional.of(query.map(q -> own + "&" + q).orElse(own));
    joined.ifPresent(q -> url.append('?').append(q));
    return URI.create(url.toString());
  }

  private static String joinedPath(String base, String path) {
    String start = base == null ? "" : base;
    if (path.isEmpty()) {
      return start.isEmpty() ? "/" : start;
    }
    boolean slashBefore = start.endsWith("/");
    boolean slashAfter = path.startsWith("/");
    if (slashBefore && slashAfter) {
      return start + path.substring(1);
    }
    return slashBefore || slashAfter ? start + path : start + "/" + path;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RelayRequest that
        && upstream.equals(that.upstream)
        && path.equals(that.path)
        && query.equals(that.query)
        && removeHeaders.equals(that.removeHeaders)
        && setHeaders.equals(that.setHeaders)
        && body.isPresent() == that.body.isPresent()
        && java.util.Arrays.equals(body.orElse(null), that.body.orElse(null))
        && java.util.Arrays.equals(unreachableBody, that.unreachableBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(upstream, path, query, removeHeaders, setHeaders);
  }

  @Override
  public String toString() {
    // never the header values: they may carry keys
    return "RelayRequest[" + upstream.getHost() + " " + path + ", set " + setHeaders.keySet() + "]";
  }
}
