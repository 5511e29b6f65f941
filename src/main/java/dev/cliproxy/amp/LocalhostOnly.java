package dev.cliproxy.amp;

import dev.cliproxy.dialect.ProxyError;
import java.util.Optional;

/**
 * The refusal of Amp's management routes to peers elsewhere while they are restricted to this
 * machine (judged by {@link dev.cliproxy.server.LoopbackPeer}).
 */
final class LocalhostOnly {
  private LocalhostOnly() {}

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
