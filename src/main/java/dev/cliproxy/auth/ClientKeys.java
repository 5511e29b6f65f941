package dev.cliproxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The keys clients must present to this proxy (the config's {@code api-keys}), compiled once per
 * runtime snapshot and compared in constant time.
 */
public final class ClientKeys {
  private final List<byte[]> digests;

  /** The outcome of a check. */
  public enum Verdict {
    ALLOWED,
    MISSING,
    INVALID
  }

  private ClientKeys(List<byte[]> digests) {
    this.digests = digests;
  }

  /** The compiled form of these keys; no keys means every client is let in. */
  public static ClientKeys of(List<String> keys) {
    return new ClientKeys(keys.stream().map(ClientKeys::digest).toList());
  }

  /** Whether clients must present a key at all. */
  public boolean required() {
    return !digests.isEmpty();
  }

  /**
   * Checks the key a client presented.
   *
   * @param presented the key as sent, or null or empty when the client sent none
   */
  public Verdict check(String presented) {
    if (digests.isEmpty()) {
      return Verdict.ALLOWED;
    }
    if (presented == null || presented.isEmpty()) {
      return Verdict.MISSING;
    }
    byte[] candidate = digest(presented);
    boolean match = false;
    for (byte[] key : digests) {
      // comparing fixed-length digests keeps the time independent of the key's content and length
      match |= MessageDigest.isEqual(candidate, key);
    }
    return match ? Verdict.ALLOWED : Verdict.INVALID;
  }

  /**
   * A short name for a presented key that does not reveal it, the same for every request with that
   * key: {@code key-} and the first 12 hex digits of its SHA-256, for listeners and logs.
   */
  public static String fingerprint(String presented) {
    return "key-" + HexFormat.of().formatHex(digest(presented), 0, 6);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
