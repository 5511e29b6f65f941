package dev.cliproxy.gateway;

import io.airlift.compress.zstd.ZstdIncrementalFrameDecompressor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Zstandard decoding that returns each block's bytes as soon as the block has arrived, so a
 * compressed event stream is not held back until a buffer fills (unlike the library's own input
 * stream, which reads until its buffer is full).
 */
final class ZstdBlockInputStream extends InputStream {
  /** Where a byte array's elements start, as the decompressor's addresses expect. */
  private static final long ARRAY_BASE = arrayBase();

  private final InputStream in;
  private final ZstdIncrementalFrameDecompressor decompressor =
      new ZstdIncrementalFrameDecompressor();
  private byte[] buffer = new byte[8192];
  private int start;
  private int end;
  private boolean eof;

  ZstdBlockInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, out.length);
    if (length == 0) {
      return 0;
    }
    int idle = 0;
    while (true) {
      if (!fill(decompressor.getInputRequired())) {
        return -1;
      }
      try {
        decompressor.partialDecompress(
            buffer, ARRAY_BASE + start, ARRAY_BASE + end, out, offset, offset + length);
      } catch (RuntimeException e) {
        throw new IOException("invalid zstd data: " + e.getMessage(), e);
      }
      int consumed = decompressor.getInputConsumed();
      int produced = decompressor.getOutputBufferUsed();
      start += consumed;
      if (produced > 0) {
        return produced;
      }
      idle = consumed == 0 ? idle + 1 : 0;
      if (idle > 2) {
        throw new IOException("invalid zstd data: the decoder made no progress");
      }
    }
  }

  /**
   * Buffers at least {@code required} bytes; false at a clean end (between frames).
   *
   * @throws EOFException when the input ends inside a frame
   */
  private boolean fill(int required) throws IOException {
    while (end - start < required) {
      if (eof) {
        if (end == start && decompressor.isAtStoppingPoint()) {
          return false;
        }
        throw new EOFException("the zstd stream ended inside a frame");
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      if (buffer.length < required) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(required, buffer.length * 2));
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static long arrayBase() {
    try {
      return Class.forName("sun.misc.Unsafe").getField("ARRAY_BYTE_BASE_OFFSET").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("zstd decoding needs sun.misc.Unsafe's array offset", e);
    }
  }
}
