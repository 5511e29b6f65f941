package dev.cliproxy.management;

import dev.cliproxy.server.LoopbackPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the management API, decided in this order: while no key is set the API is hidden
 * (404); a banned address is refused; a peer that is not this machine is refused unless {@code
 * remote-management.allow-remote} is on; then the key must match. "This machine" is the TCP peer's
 * address, never what {@code X-Forwarded-For} or {@code X-Real-IP} claim: anyone can send those.
 * Every wrong or missing key counts towards the peer's ban, loopback peers included.
 */
final class ManagementAccess {
  private static final Logger log = LoggerFactory.getLogger(ManagementAccess.class);

  /** The outcome for one request. */
  sealed interface Decision {
    /** The API is off: 404 with an empty body, as if it did not exist. */
    record Hidden() implements Decision {}

    /** Refused with this error. */
    record Refused(ManagementError error) implements Decision {}

    /** Let in. */
    record Admitted() implements Decision {}
  }

  private final ManagementKeys keys;
  private final LoginBans bans;

  ManagementAccess(ManagementKeys keys, LoginBans bans) {
    this.keys = keys;
    this.bans = bans;
  }

  /**
   * Decides one request.
   *
   * @param authorization its {@code Authorization} header, or null
   * @param keyHeader its {@code X-Management-Key} header, or null
   */
  Decision decide(
      ManagementSettings settings, InetSocketAddress peer, String authorization, String keyHeader) {
    if (!keys.enabled(settings)) {
      return new Decision.Hidden();
    }
    InetAddress address = peer == null ? null : peer.getAddress();
    if (address == null) {
      return refused(403, "remote management disabled", "the peer address is unknown");
    }
    Optional<java.time.Duration> banned = bans.remaining(address);
    if (banned.isPresent()) {
      return refused(
          403,
          "IP banned due to too many failed attempts. Try again in "
              + LoginBans.goDuration(banned.get()),
          null);
    }
    if (!LoopbackPeer.admits(peer) && !settings.allowRemote()) {
      return refused(
          403,
          "remote management disabled",
          "the management API answers this machine only; to manage the proxy from "
              + address.getHostAddress()
              + " set remote-management.allow-remote: true in config.yaml");
    }
    String key = presentedKey(authorization, keyHeader);
    if (key.isEmpty()) {
      bans.failed(address);
      return refused(
          401,
          "missing management key",
          "send the key as 'Authorization: Bearer <key>' or 'X-Management-Key: <key>'");
    }
    if (!keys.matches(key, settings)) {
      bans.failed(address);
      log.warn("management: wrong key from {}", address.getHostAddress());
      return refused(401, "invalid management key", null);
    }
    bans.succeeded(address);
    return new Decision.Admitted();
  }

  private static Decision refused(int status, String error, String message) {
    return new Decision.Refused(
        message == null
            ? new ManagementError(status, error)
            : new ManagementError(status, error, message));
  }

  /**
   * The key: the token after a case-insensitive {@code Bearer } in {@code Authorization}, the whole
   * header when it has no such scheme, else {@code X-Management-Key}.
   */
  static String presentedKey(String authorization, String keyHeader) {
    String key = "";
    if (authorization != null && !authorization.isBlank()) {
      String value = authorization.trim();
      key =
          value.toLowerCase(Locale.ROOT).startsWith("bearer ")
              ? value.substring("bearer ".length()).trim()
              : value;
    }
    if (key.isEmpty() && keyHeader != null) {
      key = keyHeader.trim();
    }
    return key;
  }
}
