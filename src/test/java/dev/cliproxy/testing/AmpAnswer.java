package dev.cliproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;

/**
 * One scripted answer of {@link FakeAmpcode}: status, headers and a body sent in pieces. A whole
 * body has one piece and a Content-Length; a chunked one sends each piece as its own chunk, and
 * waits for {@code gate} after the first, so a test can see that piece arrive before the upstream
 * has finished. An endless one sends a piece every 20 ms until the caller goes away.
 */
public record AmpAnswer(
    int status,
    Map<String, String> headers,
    List<byte[]> pieces,
    boolean chunked,
    CountDownLatch gate,
    boolean endless) {

  /** A whole body with a Content-Length. */
  public static AmpAnswer of(int status, String contentType, byte[] body) {
    return new AmpAnswer(
        status, Map.of("Content-Type", contentType), List.of(body), false, null, false);
  }

  /** A whole JSON body. */
  public static AmpAnswer json(int status, String json) {
    return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Chunked pieces with no Content-Length; after the first, waits for {@code gate} (or 10 s). */
  public static AmpAnswer chunked(
      int status, String contentType, CountDownLatch gate, String... pieces) {
    return new AmpAnswer(
        status,
        Map.of("Content-Type", contentType),
        Arrays.stream(pieces).map(p -> p.getBytes(StandardCharsets.UTF_8)).toList(),
        true,
        gate,
        false);
  }

  /** An event stream that sends {@code piece} every 20 ms until the caller hangs up (max 30 s). */
  public static AmpAnswer endless(String piece) {
    return new AmpAnswer(
        200,
        Map.of("Content-Type", "text/event-stream"),
        List.of(piece.getBytes(StandardCharsets.UTF_8)),
        true,
        null,
        true);
  }

  /** The same answer with one more header. */
  public AmpAnswer withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new AmpAnswer(status, Map.copyOf(more), pieces, chunked, gate, endless);
  }

  /** Gzip of a text, for bodies that are gzip without saying so. */
  public static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
