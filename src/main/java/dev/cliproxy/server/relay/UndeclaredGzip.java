package dev.cliproxy.server.relay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A body that is gzip without saying so (no {@code Content-Encoding}), as the Amp upstream sends
 * some answers: recognised by the gzip magic bytes and unpacked whole, or left as it is when it
 * does not unpack.
 */
final class UndeclaredGzip {
  private UndeclaredGzip() {}

  /** Whether a body starting with these bytes is gzip (1f 8b). */
  static boolean startsLikeGzip(byte[] start) {
    return start.length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b;
  }

  /**
   * The unpacked body, or empty when {@code gzip} is corrupt, truncated or unpacks to more than
   * {@code limit} bytes.
   */
  static Optional<byte[]> unpack(byte[] gzip, int limit) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, gzip.length * 4));
      byte[] buffer = new byte[16 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > limit) {
          return Optional.empty();
        }
        out.write(buffer, 0, n);
      }
      return Optional.of(out.toByteArray());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
