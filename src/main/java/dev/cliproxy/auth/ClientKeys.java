package dev.cliproxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
   * What a check found, and for an allowed key a name that does not reveal it.
   *
   * @param fingerprint for an allowed presented key only: {@code key-} and the first 12 hex digits
   *     of its SHA-256, the same for every request with that key
   */
  public record Admission(Verdict verdict, Optional<String> fingerprint) {}

  /**
   * Checks the key a client presented.
   *
   * @param presented the key as sent, or null or empty when the client sent none
   */
  public Verdict check(String presented) {
    return admit(presented).verdict();
  }

  /**
   * Checks the key a client presented and names an allowed one by its fingerprint, hashing it once.
   *
   * @param presented the key as sent, or null or empty when the client sent none
   */
  public Admission admit(String presented) {
    if (digests.isEmpty()) {
      return new Admission(Verdict.ALLOWED, Optional.empty());
    }
    if (presented == null || presented.isEmpty()) {
      return new Admission(Verdict.MISSING, Optional.empty());
    }
    byte[] candidate = digest(presented);
    boolean match = false;
    for (byte[] key : digests) {
      // comparing fixed-length digests keeps the time independent of the key's content and length
      match |= MessageDigest.isEqual(candidate, key);
    }
    return match
        ? new Admission(Verdict.ALLOWED, Optional.of(fingerprint(candidate)))
        : new Admission(Verdict.INVALID, Optional.empty());
  }

  /**
   * The fingerprint {@link Admission#fingerprint} gives a key, for figures that arrive with the key
   * itself (a CLIProxyAPI usage export is grouped by the plain client keys).
   */
  public static String fingerprintOf(String key) {
    return fingerprint(digest(key));
  }

  /**
   * A short name for a key that does not reveal it, the same for every request with that key:
   * {@code key-} and the first 12 hex digits of its SHA-256, for listeners and logs.
   */
  private static String fingerprint(byte[] digest) {
    return "key-" + HexFormat.of().formatHex(digest, 0, 6);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
