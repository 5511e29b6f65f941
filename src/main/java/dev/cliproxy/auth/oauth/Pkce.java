package dev.cliproxy.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A PKCE pair (RFC 7636): the secret verifier kept by the client and its S256 challenge sent in the
 * authorize URL.
 */
public record Pkce(String verifier, String challenge) {
  /** Verifier length CLIProxyAPI uses for Codex and Claude: 96 random bytes, base64url. */
  public static final int DEFAULT_VERIFIER_LENGTH = 128;

  /** The only challenge method this class produces. */
  public static final String METHOD = "S256";

  private static final Pattern UNRESERVED = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  public Pkce {
    checkVerifier(verifier);
    if (!challenge.equals(challengeOf(verifier))) {
      throw new IllegalArgumentException("PKCE challenge does not match the verifier");
    }
  }

  /** A fresh pair with a 128-character verifier. */
  public static Pkce generate() {
    return generate(DEFAULT_VERIFIER_LENGTH);
  }

  /**
   * A fresh pair whose verifier has {@code length} characters (43 to 128, as RFC 7636 §4.1 allows),
   * drawn from base64url text of SecureRandom bytes so every character is in the unreserved set.
   */
  public static Pkce generate(int length) {
    if (length < 43 || length > 128) {
      throw new IllegalArgumentException(
          "PKCE verifier length must be 43 to 128 characters, got " + length);
    }
    byte[] bytes = new byte[(length * 3 + 3) / 4];
    RANDOM.nextBytes(bytes);
    String verifier = BASE64URL.encodeToString(bytes).substring(0, length);
    return fromVerifier(verifier);
  }

  /** The pair for a verifier that already exists, for example RFC 7636's test vector. */
  public static Pkce fromVerifier(String verifier) {
    checkVerifier(verifier);
    return new Pkce(verifier, challengeOf(verifier));
  }

  /** BASE64URL-NOPAD(SHA-256(ASCII(verifier))), per RFC 7636 §4.2. */
  public static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return BASE64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static void checkVerifier(String verifier) {
    if (verifier == null || !UNRESERVED.matcher(verifier).matches()) {
      throw new IllegalArgumentException(
          "PKCE verifier must be 43 to 128 characters of [A-Za-z0-9-._~]");
    }
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + ", verifier=<hidden>]";
  }
}
