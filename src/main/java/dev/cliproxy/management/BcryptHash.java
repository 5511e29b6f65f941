package dev.cliproxy.management;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** The bcrypt form the management key is kept in: what counts as a hash, and making one. */
public final class BcryptHash {
  /** The cost CLIProxyAPI hashes with. */
  public static final int COST = 10;

  private BcryptHash() {}

  /**
   * Whether a {@code secret-key} value is already a hash ({@code $2a$}, {@code $2b$}, {@code
   * $2y$}).
   */
  public static boolean is(String value) {
    return value.length() > 4
        && (value.startsWith("$2a$") || value.startsWith("$2b$") || value.startsWith("$2y$"));
  }

  /** The hash of a plaintext key, cost {@link #COST}. */
  public static String of(String plaintext) {
    return new String(
        BCrypt.withDefaults().hash(COST, plaintext.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }
}
