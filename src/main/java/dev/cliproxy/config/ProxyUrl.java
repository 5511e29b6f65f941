package dev.cliproxy.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An outbound proxy from {@code proxy-url}: {@code http://}, {@code https://} or {@code socks5://},
 * with optional {@code user:password@}.
 */
public record ProxyUrl(
    Scheme scheme, String host, int port, Optional<String> user, Optional<String> password) {

  /** Proxy protocols the upstream client can speak. */
  public enum Scheme {
    HTTP,
    HTTPS,
    SOCKS5
  }

  /**
   * Parses a proxy URL.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and what is accepted
   */
  public static ProxyUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
    }
    String rawScheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Scheme scheme =
        switch (rawScheme) {
          case "http" -> Scheme.HTTP;
          case "https" -> Scheme.HTTPS;
          case "socks5", "socks5h" -> Scheme.SOCKS5;
          default ->
              throw new IllegalArgumentException(
                  "unsupported scheme '"
                      + rawScheme
                      + "'; use http://, https:// or socks5://[user:password@]host:port");
        };
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("missing host; expected " + rawScheme + "://host:port");
    }
    int port = uri.getPort();
    if (port < 0) {
      port =
          switch (scheme) {
            case HTTP -> 80;
            case HTTPS -> 443;
            case SOCKS5 -> 1080;
          };
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? Optional.empty() : Optional.of(userInfo.substring(colon + 1));
    }
    return new ProxyUrl(scheme, uri.getHost(), port, user, password);
  }

  /** The proxy without its password, safe for logs. */
  @Override
  public String toString() {
    return scheme.name().toLowerCase(Locale.ROOT)
        + "://"
        + user.map(u -> u + ":***@").orElse("")
        + host
        + ":"
        + port;
  }
}
