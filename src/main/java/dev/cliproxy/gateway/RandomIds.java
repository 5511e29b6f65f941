package dev.cliproxy.gateway;

import java.security.SecureRandom;

/** Fresh random alphanumeric id suffixes for codecs ({@code toolu_…}, {@code call_…}). */
final class RandomIds {
  private static final char[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomIds() {}

  /** 24 random letters and digits. */
  static String next() {
    char[] out = new char[24];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
