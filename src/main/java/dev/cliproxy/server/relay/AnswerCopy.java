package dev.cliproxy.server.relay;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.server.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one upstream answer to the client: status and end-to-end headers at once, then the body
 * chunk by chunk as it arrives (each write goes out at once, so event streams flow), or whole and
 * unpacked when it is gzip without saying so. Tells the two ways a copy can end early apart: the
 * client hanging up (quiet; the upstream request is cancelled) and the upstream breaking off.
 */
final class AnswerCopy {
  private static final Logger log = LoggerFactory.getLogger(AnswerCopy.class);
  private static final int CHUNK = 16 * 1024;

  /** The most an undeclared gzip body is read into memory for, packed and unpacked. */
  private static final int GZIP_LIMIT = 64 << 20;

  private final Exchange exchange;
  private final RelayRequest relay;
  private final Request upstream;
  private final int status;
  private final UpstreamHead head;

  AnswerCopy(
      Exchange exchange, RelayRequest relay, Request upstream, int status, UpstreamHead head) {
    this.exchange = exchange;
    this.relay = relay;
    this.upstream = upstream;
    this.status = status;
    this.head = head;
  }

  void copy(InputStreamResponseListener answer) throws IOException {
    try {
      copyOrBreak(answer.getInputStream());
    } catch (BrokeOff e) {
      if (exchange.sink().hungUp()) {
        throw new EofException("client hung up");
      }
      log.warn(
          "{} {}: the upstream {} broke off its answer: {}",
          exchange.method(),
          exchange.path(),
          relay.upstream().getHost(),
          HttpRelay.describe(e.getCause()));
      if (!exchange.response().isCommitted()) {
        exchange.response().reset();
        exchange.sink().complete(502, "application/json", relay.unreachableBody(), Map.of());
        return;
      }
      // half sent: the server cuts the connection, the only honest end
      throw new ProxyError(
              502,
              ProxyError.Kind.UPSTREAM,
              "upstream_broke_off",
              "The upstream broke off its answer.",
              Optional.empty())
          .toException();
    }
  }

  private void copyOrBreak(InputStream body) throws IOException, BrokeOff {
    Response response = exchange.response();
    response.setStatus(status);
    HopByHopHeaders hopByHop = HopByHopHeaders.of(head.fields());
    HttpFields.Mutable headers = response.getHeaders();
    for (HttpField field : head.fields()) {
      if (!hopByHop.contains(field.getLowerCaseName())) {
        headers.add(field);
      }
    }
    String contentType = head.value("Content-Type");
    boolean eventStream =
        contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/event-stream");
    if (!eventStream && head.value("Content-Encoding") == null) {
      byte[] start = read(body, 2);
      if (UndeclaredGzip.startsLikeGzip(start)) {
        byte[] rest = read(body, GZIP_LIMIT);
        byte[] packed = concat(start, rest);
        if (rest.length < GZIP_LIMIT) {
          whole(headers, packed);
          return;
        }
        start = packed; // too big to unpack here: on unchanged
      }
      if (start.length > 0) {
        write(false, start);
      }
    }
    stream(body);
  }

  /** A gzip body without Content-Encoding, read whole: sent unpacked, or as it is if corrupt. */
  private void whole(HttpFields.Mutable headers, byte[] packed) throws IOException {
    Optional<byte[]> unpacked = UndeclaredGzip.unpack(packed, GZIP_LIMIT);
    if (unpacked.isEmpty()) {
      log.warn(
          "{} {}: the upstream's body looks like gzip but does not unpack; sent as it came",
          exchange.method(),
          exchange.path());
    } else {
      log.debug(
          "{} {}: unpacked an undeclared gzip body, {} -> {} bytes",
          exchange.method(),
          exchange.path(),
          packed.length,
          unpacked.get().length);
    }
    byte[] body = unpacked.orElse(packed);
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    write(true, body);
  }

  private void stream(InputStream body) throws IOException, BrokeOff {
    byte[] buffer = new byte[CHUNK];
    for (int n; (n = readSome(body, buffer)) >= 0; ) {
      if (n > 0) {
        write(false, Arrays.copyOf(buffer, n));
      }
    }
    write(true, new byte[0]);
  }

  private static int readSome(InputStream body, byte[] buffer) throws BrokeOff {
    try {
      return body.read(buffer);
    } catch (IOException e) {
      throw new BrokeOff(e);
    }
  }

  private static byte[] read(InputStream body, int most) throws BrokeOff {
    try {
      return body.readNBytes(most);
    } catch (IOException e) {
      throw new BrokeOff(e);
    }
  }

  /**
   * Writes to the client. The hang-up watch stops before the first byte: once the answer is being
   * written a hang-up shows as a failed write, and a client that has all the bytes of an answer
   * with a Content-Length sends its next request on the same connection at once, whose first bytes
   * the watch would otherwise swallow.
   */
  private void write(boolean last, byte[] bytes) throws IOException {
    exchange.stopWatchingForHangUp();
    try (Blocker.Callback callback = Blocker.callback()) {
      exchange.response().write(last, ByteBuffer.wrap(bytes), callback);
      callback.block();
    } catch (IOException e) {
      log.debug("{} {}: the client hung up mid-answer", exchange.method(), exchange.path());
      upstream.abort(e);
      throw e;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** A read from the upstream failed: it broke off, or the request was cancelled. */
  private static final class BrokeOff extends Exception {
    BrokeOff(IOException cause) {
      super(cause);
    }
  }
}
