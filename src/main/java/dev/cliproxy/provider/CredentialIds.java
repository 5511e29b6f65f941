package dev.cliproxy.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Credential ids for config API keys that stay the same while the key, base URL and proxy stay the
 * same, without revealing the key: {@code <provider>:<first 12 hex of SHA-256>}, suffixed {@code
 * -1}, {@code -2} … when one provider lists the same key twice. One instance per provider build.
 */
public final class CredentialIds {
  private final Map<String, Integer> seen = new HashMap<>();

  /** The id for one credential of {@code provider} identified by {@code parts}. */
  public String next(String provider, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(provider.getBytes(StandardCharsets.UTF_8));
      for (String part : parts) {
        sha.update((byte) 0);
        sha.update(part.trim().getBytes(StandardCharsets.UTF_8));
      }
      String id = provider + ":" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
      int count = seen.merge(id, 1, Integer::sum);
      return count == 1 ? id : id + "-" + (count - 1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
