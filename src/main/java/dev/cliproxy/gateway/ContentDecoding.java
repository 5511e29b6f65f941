package dev.cliproxy.gateway;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes an upstream's {@code Content-Encoding} (gzip, deflate, br, zstd, or a list of them) so
 * answers are shaped and passed on as plain bytes. gzip and deflate streams are decoded as each
 * flushed block arrives. The pure-Java Brotli and Zstandard decoders read ahead (Brotli in 4 KiB
 * batches, Zstandard a whole window), so an event stream in those codings arrives complete but in
 * bursts; streams are therefore never asked for them (see {@link
 * dev.cliproxy.provider.AcceptEncoding}).
 */
final class ContentDecoding {
  private static final int BUFFER = 8192;

  private ContentDecoding() {}

  /** Thrown when an answer names an encoding this proxy cannot undo. */
  static final class UnsupportedEncoding extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedEncoding(String encoding) {
      super(
          "the upstream answered with Content-Encoding '" + encoding + "', which is not decodable");
    }
  }

  /** Whether a {@code Content-Encoding} value asks for any decoding at all. */
  static boolean isEncoded(String contentEncoding) {
    return !codings(contentEncoding).isEmpty();
  }

  /** A stream of the decoded bytes of {@code raw}; {@code raw} itself when nothing is encoded. */
  static InputStream decode(String contentEncoding, InputStream raw) throws IOException {
    List<String> codings = codings(contentEncoding);
    InputStream in = raw;
    // Codings are listed in the order they were applied: undo the last first.
    for (int i = codings.size() - 1; i >= 0; i--) {
      in = decoder(codings.get(i), in);
    }
    return in;
  }

  /**
   * The decoded bytes of a whole body, at most {@code limit} of them.
   *
   * @throws IOException when the body is not valid for its encoding, or decodes to more than {@code
   *     limit} bytes
   */
  static byte[] decode(String contentEncoding, byte[] body, int limit) throws IOException {
    if (!isEncoded(contentEncoding)) {
      return body;
    }
    try (InputStream in = decode(contentEncoding, new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(limit);
      if (out.length == limit && in.read() >= 0) {
        throw new IOException("the decoded answer is larger than " + limit + " bytes");
      }
      return out;
    }
  }

  private static List<String> codings(String contentEncoding) {
    List<String> out = new ArrayList<>();
    if (contentEncoding == null) {
      return out;
    }
    for (String part : contentEncoding.split(",")) {
      String coding = part.trim().toLowerCase(Locale.ROOT);
      if (!coding.isEmpty() && !coding.equals("identity")) {
        out.add(coding);
      }
    }
    return out;
  }

  private static InputStream decoder(String coding, InputStream in) throws IOException {
    return switch (coding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(in, BUFFER);
      case "deflate" -> inflating(in);
      case "br" -> brotli(in);
      case "zstd" -> new ZstdInputStream(in);
      default -> throw new UnsupportedEncoding(coding);
    };
  }

  /**
   * Brotli, with single bytes read through the array method: org.brotli.dec 0.1.2 drops the bytes
   * its own {@code read()} buffered once {@code read(byte[])} is called next, which is what a gzip
   * reader stacked on it does.
   */
  private static InputStream brotli(InputStream in) throws IOException {
    return new FilterInputStream(new BrotliInputStream(in)) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
          n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
      }
    };
  }

  /**
   * HTTP's {@code deflate} is zlib-wrapped by the standard, raw deflate by some servers: the first
   * two bytes tell them apart (a zlib header names method 8 and is a multiple of 31).
   */
  private static InputStream inflating(InputStream in) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] head = peek.readNBytes(2);
    peek.unread(head);
    boolean zlib =
        head.length == 2
            && (head[0] & 0x0f) == 8
            && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
    return new InflaterInputStream(peek, new Inflater(!zlib), BUFFER);
  }
}
