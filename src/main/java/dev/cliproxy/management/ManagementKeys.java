package dev.cliproxy.management;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether a presented management key is right: the {@code MANAGEMENT_PASSWORD} of the
 * environment (compared in constant time), or the config's {@code remote-management.secret-key} (a
 * bcrypt check against its hash; a plaintext not yet replaced by its hash is compared in constant
 * time). A bcrypt check costs tens of milliseconds, and the web UI sends many requests, so a key
 * that passed it is remembered (by its SHA-256, never itself) for as long as the hash stays.
 */
final class ManagementKeys {
  private static final int REMEMBERED = 32;

  private final Optional<String> environmentPassword;
  private final Map<String, byte[]> verifiedDigestByHash = new ConcurrentHashMap<>();

  /**
   * @param environmentPassword {@code MANAGEMENT_PASSWORD}, if set and not blank
   */
  ManagementKeys(Optional<String> environmentPassword) {
    this.environmentPassword = environmentPassword.filter(p -> !p.isBlank());
  }

  /** Whether the API is on: a key in the config or a password in the environment. */
  boolean enabled(ManagementSettings settings) {
    return settings.secretKey().isPresent() || environmentPassword.isPresent();
  }

  /** Whether {@code presented} is the environment password or the config's key. */
  boolean matches(String presented, ManagementSettings settings) {
    if (environmentPassword.isPresent() && sameText(presented, environmentPassword.get())) {
      return true;
    }
    Optional<String> secret = settings.secretKey();
    if (secret.isEmpty()) {
      return false;
    }
    return BcryptHash.is(secret.get())
        ? matchesHash(presented, secret.get())
        : sameText(presented, secret.get());
  }

  private boolean matchesHash(String presented, String hash) {
    byte[] digest = sha256(presented);
    byte[] remembered = verifiedDigestByHash.get(hash);
    if (remembered != null && MessageDigest.isEqual(remembered, digest)) {
      return true;
    }
    boolean verified;
    try {
      verified =
          BCrypt.verifyer()
              .verify(
                  presented.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
              .verified;
    } catch (IllegalArgumentException e) { // longer than bcrypt takes, or a malformed hash
      verified = false;
    }
    if (verified) {
      if (verifiedDigestByHash.size() >= REMEMBERED) {
        verifiedDigestByHash.clear();
      }
      verifiedDigestByHash.put(hash, digest);
    }
    return verified;
  }

  private static boolean sameText(String a, String b) {
    return MessageDigest.isEqual(sha256(a), sha256(b));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
