package dev.cliproxy.metrics;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.server.ClientKeyCheck;
import dev.cliproxy.server.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may scrape {@code /metrics}: nobody while {@code metrics.enabled} is false (404); peers on
 * this machine, judged by the socket address alone; and, when {@code metrics.key} is set, any peer
 * that presents it as {@code Authorization: Bearer}. Everyone else gets a 401 or 403 that says what
 * to set.
 */
final class MetricsAccess {
  private MetricsAccess() {}

  /**
   * Returns when the scrape may go on, else throws its refusal.
   *
   * @param settings the request's config's {@code metrics:} section
   * @param peer the TCP peer
   * @param authorization the {@code Authorization} header, or null
   */
  static void check(MetricsSettings settings, InetSocketAddress peer, String authorization) {
    if (!settings.enabled()) {
      throw refusal(
          404,
          ProxyError.Kind.NOT_FOUND,
          "metrics_disabled",
          "Metrics are off. Set metrics.enabled: true in config.yaml to serve /metrics.");
    }
    if (LoopbackPeer.admits(peer)) {
      return;
    }
    Optional<String> key = settings.key();
    if (key.isEmpty()) {
      throw refusal(
          403,
          ProxyError.Kind.PERMISSION,
          "metrics_localhost_only",
          "Access denied: /metrics is open only to clients on the proxy's own machine. Scrape"
              + " from there, or set metrics.key in config.yaml and send it as"
              + " 'Authorization: Bearer <key>'.");
    }
    if (authorization == null || authorization.isBlank()) {
      throw refusal(
          401,
          ProxyError.Kind.AUTHENTICATION,
          "missing_metrics_key",
          "Missing metrics key. Send metrics.key from the proxy's config.yaml as"
              + " 'Authorization: Bearer <key>' (Prometheus: authorization.credentials).");
    }
    if (!matches(key.get(), ClientKeyCheck.keyIn(authorization))) {
      throw refusal(
          401,
          ProxyError.Kind.AUTHENTICATION,
          "invalid_metrics_key",
          "Invalid metrics key. Send the value of metrics.key in the proxy's config.yaml as"
              + " 'Authorization: Bearer <key>'.");
    }
  }

  /** Compares in constant time, so the answer's timing tells nothing about the key. */
  private static boolean matches(String expected, String presented) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static RuntimeException refusal(
      int status, ProxyError.Kind kind, String code, String message) {
    return new ProxyError(status, kind, code, message, Optional.empty()).toException();
  }
}
