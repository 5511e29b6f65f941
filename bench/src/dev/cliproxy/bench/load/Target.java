package dev.cliproxy.bench.load;

import java.net.URI;

/**
 * One side of the comparison: the mock upstream called directly, or the proxy in front of it.
 *
 * @param name "direct" or "proxy"
 * @param host loopback host
 * @param port TCP port
 * @param basePath path prefix that {@code /chat/completions} or {@code /messages} is appended to,
 *     e.g. {@code /v1}
 */
record Target(String name, String host, int port, String basePath) {
  static Target of(String name, String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) throw new IllegalArgumentException("need http://: " + baseUrl);
    String host = uri.getHost();
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new IllegalArgumentException("benchmarks stay on 127.0.0.1: " + baseUrl);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return new Target(name, "127.0.0.1", uri.getPort() < 0 ? 80 : uri.getPort(), path);
  }
}
