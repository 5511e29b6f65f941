package dev.cliproxy.amp;

import dev.cliproxy.dialect.ProxyError;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The restriction of Amp's management routes to this machine: a request is let in only when its TCP
 * peer is a loopback address (all of 127.0.0.0/8 and {@code ::1}). What headers such as {@code
 * X-Forwarded-For}, {@code X-Real-IP} or {@code Forwarded} claim is never asked: anyone can send
 * them.
 */
final class LocalhostOnly {
  private LocalhostOnly() {}

  /** Whether a peer is this machine. */
  static boolean admits(InetSocketAddress peer) {
    return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
  }

  /** The 403 a peer from elsewhere gets, saying how to change the restriction. */
  static ProxyError refusal(String path) {
    return new ProxyError(
        403,
        ProxyError.Kind.PERMISSION,
        "amp_management_localhost_only",
        "Access denied: "
            + path
            + " is an Amp management route, open only to clients on the proxy's own machine."
            + " Connect from there, or set ampcode.restrict-management-to-localhost (or"
            + " amp-restrict-management-to-localhost) to false in config.yaml and protect the"
            + " routes another way (firewall, VPN, an authenticating reverse proxy).",
        Optional.empty());
  }
}
