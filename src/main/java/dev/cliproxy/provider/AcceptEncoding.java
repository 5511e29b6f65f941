package dev.cliproxy.provider;

/**
 * {@code Accept-Encoding} values a provider may send: only codings the gateway decodes, and for
 * streams only those it decodes block by block as they arrive (Brotli's decoder reads ahead in 4
 * KiB batches). Zstandard is decoded when an upstream sends it anyway, but never asked for: its
 * pure-Java decoder holds back a whole window and relies on {@code sun.misc.Unsafe}, which newer
 * JDKs warn about and will refuse.
 */
public final class AcceptEncoding {
  /** For whole (non-streamed) answers. */
  public static final String WHOLE = "gzip, deflate, br";

  /** For event streams: codings that decode incrementally. */
  public static final String STREAM = "gzip, deflate";

  private AcceptEncoding() {}

  /** The value for a call. */
  public static String forCall(boolean stream) {
    return stream ? STREAM : WHOLE;
  }
}
