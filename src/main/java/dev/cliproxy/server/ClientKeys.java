package dev.cliproxy.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Checks the client's proxy key, from {@code Authorization: Bearer}, {@code x-api-key}, {@code
 * x-goog-api-key} or {@code ?key=}, against the configured {@code api-keys} in constant time.
 */
final class ClientKeys {
  private final List<byte[]> digests;

  /** The outcome of a check. */
  enum Verdict {
    ALLOWED,
    MISSING,
    INVALID
  }

  ClientKeys(List<String> keys) {
    this.digests = keys.stream().map(ClientKeys::digest).toList();
  }

  boolean required() {
    return !digests.isEmpty();
  }

  Verdict check(HttpFields headers, String queryKey) {
    if (digests.isEmpty()) {
      return Verdict.ALLOWED;
    }
    String presented = presented(headers, queryKey);
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

  private static String presented(HttpFields headers, String queryKey) {
    String authorization = headers.get(HttpHeader.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      String value = authorization.strip();
      if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return value.substring(7).strip();
      }
      return value;
    }
    String apiKey = headers.get("x-api-key");
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.strip();
    }
    String googKey = headers.get("x-goog-api-key");
    if (googKey != null && !googKey.isBlank()) {
      return googKey.strip();
    }
    return queryKey;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
