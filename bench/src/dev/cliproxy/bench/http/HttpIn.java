package dev.cliproxy.bench.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Buffered reader of HTTP/1.1 messages from one connection: heads, then bodies framed by
 * Content-Length, by chunks, or (responses only) by the end of the stream. Remembers when each
 * read returned so callers can time arrivals without extra system calls.
 */
public final class HttpIn {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 100;
  private static final long MAX_BODY = 256L * 1024 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int lim;
  private long lastReadNanos;

  public HttpIn(InputStream in) {
    this.in = in;
  }

  /** System.nanoTime() right after the latest read from the socket returned. */
  public long lastReadNanos() {
    return lastReadNanos;
  }

  /** Reads the next message head; null when the peer closed cleanly between messages. */
  public HttpHead readHead() throws IOException {
    if (pos == lim && !fill()) return null;
    long firstByte = lastReadNanos;
    String start = readLine();
    if (start == null) return null;
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    boolean expect = false;
    for (int i = 0; ; i++) {
      String line = readLine();
      if (line == null) throw new EOFException("end of stream inside the header block");
      if (line.isEmpty()) break;
      if (i == MAX_HEADERS) throw new IOException("more than " + MAX_HEADERS + " header lines");
      int colon = line.indexOf(':');
      if (colon <= 0) continue;
      String value = line.substring(colon + 1).trim();
      if (isName(line, colon, "content-length")) {
        length = Long.parseLong(value);
      } else if (isName(line, colon, "transfer-encoding")) {
        chunked = value.toLowerCase().contains("chunked");
      } else if (isName(line, colon, "connection")) {
        close = value.equalsIgnoreCase("close");
      } else if (isName(line, colon, "expect")) {
        expect = value.equalsIgnoreCase("100-continue");
      }
    }
    return new HttpHead(start, length, chunked, close, expect, firstByte);
  }

  /**
   * Reads the body that follows {@code head}. A request without Content-Length or chunking has
   * no body; a response without them runs to the end of the stream.
   */
  public void readBody(HttpHead head, boolean isResponse, BodySink sink) throws IOException {
    if (head.chunked()) {
      readChunks(sink);
    } else if (head.contentLength() >= 0) {
      deliver(head.contentLength(), sink);
    } else if (isResponse) {
      for (long total = 0; pos < lim || fill(); pos = lim) {
        total += lim - pos;
        if (total > MAX_BODY) throw new IOException("body longer than " + MAX_BODY + " bytes");
        sink.accept(buf, pos, lim - pos, lastReadNanos);
      }
    }
  }

  private void readChunks(BodySink sink) throws IOException {
    for (long total = 0; total <= MAX_BODY; ) {
      String sizeLine = readLine();
      if (sizeLine == null) throw new EOFException("end of stream before the last chunk");
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        for (int i = 0; i <= MAX_HEADERS; i++) { // trailers, then the empty line
          String trailer = readLine();
          if (trailer == null || trailer.isEmpty()) return;
        }
        throw new IOException("too many trailer lines");
      }
      total += size;
      deliver(size, sink);
      if (!"".equals(readLine())) throw new IOException("chunk not followed by CRLF");
    }
    throw new IOException("body longer than " + MAX_BODY + " bytes");
  }

  private void deliver(long count, BodySink sink) throws IOException {
    if (count > MAX_BODY) throw new IOException("body longer than " + MAX_BODY + " bytes");
    while (count > 0) {
      if (pos == lim && !fill()) throw new EOFException("end of stream inside a body");
      int n = (int) Math.min(count, lim - pos);
      sink.accept(buf, pos, n, lastReadNanos);
      pos += n;
      count -= n;
    }
  }

  /** Reads a line without its CR LF; null at the end of stream before the line's first byte. */
  private String readLine() throws IOException {
    byte[] acc = null;
    int accLen = 0;
    while (true) {
      if (pos == lim && !fill()) {
        if (accLen == 0) return null;
        throw new EOFException("end of stream inside a line");
      }
      int nl = pos;
      while (nl < lim && buf[nl] != '\n') nl++;
      int n = nl - pos;
      if (acc == null && nl < lim) {
        String line = text(buf, pos, nl);
        pos = nl + 1;
        return line;
      }
      if (accLen + n > MAX_LINE) throw new IOException("line longer than " + MAX_LINE + " bytes");
      if (acc == null) acc = new byte[256];
      if (acc.length < accLen + n) acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + n));
      System.arraycopy(buf, pos, acc, accLen, n);
      accLen += n;
      if (nl < lim) {
        pos = nl + 1;
        return text(acc, 0, accLen);
      }
      pos = lim;
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    lastReadNanos = System.nanoTime();
    if (n <= 0) return false;
    pos = 0;
    lim = n;
    return true;
  }

  private static String text(byte[] b, int from, int to) {
    if (to > from && b[to - 1] == '\r') to--;
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean isName(String line, int colon, String lowerName) {
    return colon == lowerName.length() && line.regionMatches(true, 0, lowerName, 0, colon);
  }
}
