package dev.cliproxy.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The OAuth {@code state} value of one login: generated at random, sent in the authorize URL, and
 * compared in constant time with the value the callback brings back, which defeats login CSRF.
 */
public final class OAuthState {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 16;

  private final String value;

  private OAuthState(String value) {
    this.value = value;
  }

  /** A fresh state: 16 random bytes as 32 lowercase hex characters, as CLIProxyAPI makes it. */
  public static OAuthState generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new OAuthState(HexFormat.of().formatHex(bytes));
  }

  /** The value to put in the authorize URL. */
  public String value() {
    return value;
  }

  /** Whether the state the callback returned is this one; null and empty never match. */
  public boolean matches(String returned) {
    if (returned == null || returned.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), returned.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Throws unless the returned state is this one; the message names the problem but neither value.
   */
  public void check(String returned) {
    if (!matches(returned)) {
      throw new IllegalStateException(
          "OAuth state parameter is invalid: the callback does not belong to this login"
              + " (a stale browser tab, or a forged request); start the login again");
    }
  }

  @Override
  public String toString() {
    return "OAuthState[<hidden>]";
  }
}
