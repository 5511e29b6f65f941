package dev.cliproxy.amp;

import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.server.ClientKeyCheck;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.relay.RelayRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What one request looks like on its way to the Amp upstream: the same method, path, query and
 * body, without any of this proxy's client keys (in {@code Authorization}, {@code X-Api-Key},
 * {@code X-Goog-Api-Key}, {@code ?key=} or {@code ?auth_token=}), and with the Amp secret, when one
 * is found, as {@code Authorization: Bearer} and {@code X-Api-Key}. A credential that is not a
 * proxy key (Amp CLI's own Amp token) goes on unless the secret replaces it.
 */
final class AmpBound {
  private static final List<String> KEY_HEADERS =
      List.of("authorization", "x-api-key", "x-goog-api-key");
  private static final Set<String> KEY_PARAMS = Set.of("key", "auth_token");
  private static final byte[] UNREACHABLE =
      "{\"error\":\"amp_upstream_proxy_error\",\"message\":\"Failed to reach Amp upstream\"}"
          .getBytes(StandardCharsets.UTF_8);

  private AmpBound() {}

  /**
   * The relayed form of a request.
   *
   * @param secret finds the Amp secret for the proxy key the client presented, if any
   * @param body the body when it was already read, else empty (it is streamed on)
   */
  static RelayRequest of(
      Exchange exchange,
      URI upstream,
      ClientKeys proxyKeys,
      Function<Optional<String>, Optional<String>> secret,
      Optional<byte[]> body) {
    Set<String> remove = new HashSet<>();
    Optional<String> presented = Optional.empty();
    for (String name : KEY_HEADERS) {
      String value = exchange.header(name);
      String key = value == null ? "" : ClientKeyCheck.keyIn(value);
      if (isProxyKey(proxyKeys, key)) {
        remove.add(name);
        presented = presented.or(() -> Optional.of(key));
      }
    }
    List<String> kept = new ArrayList<>();
    String query = exchange.rawQuery();
    if (query != null) {
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (KEY_PARAMS.contains(name) && isProxyKey(proxyKeys, value)) {
          presented = presented.or(() -> Optional.of(value));
        } else {
          kept.add(pair);
        }
      }
    }
    Map<String, String> set = new LinkedHashMap<>();
    secret
        .apply(presented)
        .ifPresent(key -> {
          set.put("Authorization", "Bearer " + key);
          set.put("X-Api-Key", key);
        });
    return new RelayRequest(
        upstream,
        exchange.rawPath(),
        kept.isEmpty() ? Optional.empty() : Optional.of(String.join("&", kept)),
        remove,
        set,
        body,
        UNREACHABLE);
  }

  private static boolean isProxyKey(ClientKeys keys, String value) {
    return keys.required() && !value.isEmpty() && keys.check(value) == ClientKeys.Verdict.ALLOWED;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }
}
