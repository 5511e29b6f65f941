package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a client's request body once, refusing bodies over the configured size: at once, before a
 * byte is read, when the declared length is too large, else as soon as the limit is passed. The
 * rest of a refused body is not kept: the caller answers, then lets the client finish sending
 * ({@link #discardRest}) and closes the connection.
 */
final class RequestBodies {
  /** At most this much of a refused body is read and dropped after its answer. */
  private static final long DISCARD_BYTES = 256L << 20;

  /** And for at most this long. */
  private static final long DISCARD_NANOS = TimeUnit.SECONDS.toNanos(5);

  private RequestBodies() {}

  static byte[] read(Request request, long maxBytes) {
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes);
    }
    // Never closed: closing a half-read body fails the request, and the 413 with it. A body read
    // to its end needs no closing.
    InputStream in = Content.Source.asInputStream(request);
    byte[] body;
    try {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw ProxyError.invalidRequest(
              "body_unreadable", "The request body could not be read: " + e.getMessage())
          .toException();
    }
    if (body.length > maxBytes) {
      throw tooLarge(-1, maxBytes);
    }
    return body;
  }

  /**
   * Reads and drops what the client still sends of a refused body, after its answer went out, so
   * that closing the connection does not reset it under a client still sending (a TCP reset can
   * destroy the answer before the client reads it). Bounded in bytes and time; nothing is read from
   * a client that waits for {@code 100 Continue}, which it never got.
   */
  static void discardRest(Request request) {
    String expect = request.getHeaders().get(HttpHeader.EXPECT);
    if (expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue")) {
      return;
    }
    InputStream in = Content.Source.asInputStream(request);
    byte[] drop = new byte[64 << 10];
    long read = 0;
    long started = System.nanoTime();
    try {
      for (int n; (n = in.read(drop)) >= 0; ) {
        read += n;
        if (read > DISCARD_BYTES || System.nanoTime() - started > DISCARD_NANOS) {
          return;
        }
      }
    } catch (IOException e) {
      // the client is gone or broke off: nothing left to protect
    }
  }

  private static RuntimeException tooLarge(long declared, long maxBytes) {
    return new ProxyError(
            413,
            ProxyError.Kind.REQUEST_TOO_LARGE,
            "request_too_large",
            "The request body"
                + (declared > 0 ? " (" + declared + " bytes)" : "")
                + " is larger than this proxy accepts ("
                + maxBytes
                + " bytes). Send less (for example fewer or smaller images or files), or raise"
                + " max-body-size-mb in config.yaml.",
            Optional.empty())
        .toException();
  }
}
