package dev.cliproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP content encoders for test upstreams whose {@code flush()} puts everything written so far on
 * the wire as a decodable block, as servers that compress event streams do: gzip and deflate with
 * sync flushes; Brotli and Zstandard as stored (uncompressed) blocks in a real Brotli stream or
 * Zstandard frame, since the JDK has no encoder for either.
 */
public final class StreamingEncoders {
  private StreamingEncoders() {}

  /**
   * An encoder for {@code gzip}, {@code deflate} (zlib), {@code deflate-raw}, {@code br}, {@code
   * zstd}.
   */
  public static OutputStream open(String encoding, OutputStream raw) throws IOException {
    return switch (encoding) {
      case "gzip" -> new GZIPOutputStream(raw, 512, true);
      case "deflate" -> new DeflaterOutputStream(raw, new Deflater(), 512, true);
      case "deflate-raw" -> new DeflaterOutputStream(raw, new Deflater(6, true), 512, true);
      case "br" -> new BrotliStored(raw);
      case "zstd" -> new ZstdStored(raw);
      default -> throw new IllegalArgumentException(encoding);
    };
  }

  /** The whole of {@code data} in one encoding. */
  public static byte[] encode(String encoding, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream encoder = open(encoding, out)) {
      encoder.write(data);
    }
    return out.toByteArray();
  }

  /** Buffers writes; each flush emits them as one block. */
  private abstract static class Blocks extends FilterOutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    Blocks(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) {
      pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      byte[] data = pending.toByteArray();
      pending.reset();
      for (int at = 0; at < data.length; at += 65536) {
        block(data, at, Math.min(65536, data.length - at));
      }
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        flush();
        end();
        out.close();
      }
    }

    abstract void block(byte[] data, int offset, int length) throws IOException;

    abstract void end() throws IOException;
  }

  /** A Brotli stream of uncompressed meta-blocks (RFC 7932 §9.2), window 2^16. */
  private static final class BrotliStored extends Blocks {
    private boolean headerWritten;

    BrotliStored(OutputStream out) {
      super(out);
    }

    @Override
    void block(byte[] data, int offset, int length) throws IOException {
      Bits bits = new Bits();
      streamHeader(bits);
      bits.add(0, 1); // ISLAST = 0
      bits.add(0, 2); // MNIBBLES = 4
      bits.add(length - 1, 16); // MLEN - 1
      bits.add(1, 1); // ISUNCOMPRESSED
      out.write(bits.bytes());
      out.write(data, offset, length);
    }

    @Override
    void end() throws IOException {
      Bits bits = new Bits();
      streamHeader(bits);
      bits.add(1, 1); // ISLAST
      bits.add(1, 1); // ISLASTEMPTY
      out.write(bits.bytes());
    }

    private void streamHeader(Bits bits) {
      if (!headerWritten) {
        bits.add(0, 1); // WBITS = 16
        headerWritten = true;
      }
    }
  }

  /** A Zstandard frame of raw blocks (RFC 8878 §3.1.1), window 128 KiB, no content size. */
  private static final class ZstdStored extends Blocks {
    private boolean headerWritten;

    ZstdStored(OutputStream out) {
      super(out);
    }

    @Override
    void block(byte[] data, int offset, int length) throws IOException {
      frameHeader();
      blockHeader(false, length);
      out.write(data, offset, length);
    }

    @Override
    void end() throws IOException {
      frameHeader();
      blockHeader(true, 0);
    }

    private void frameHeader() throws IOException {
      if (!headerWritten) {
        out.write(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, 0x38});
        headerWritten = true;
      }
    }

    private void blockHeader(boolean last, int size) throws IOException {
      int header = (last ? 1 : 0) | (size << 3); // block type 0: raw
      out.write(new byte[] {(byte) header, (byte) (header >>> 8), (byte) (header >>> 16)});
    }
  }

  /** Bits written least significant first, padded to whole bytes. */
  private static final class Bits {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int current;
    private int used;

    void add(int value, int count) {
      for (int i = 0; i < count; i++) {
        current |= ((value >>> i) & 1) << used;
        if (++used == 8) {
          bytes.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    byte[] bytes() {
      if (used > 0) {
        bytes.write(current);
        current = 0;
        used = 0;
      }
      return bytes.toByteArray();
    }
  }
}
