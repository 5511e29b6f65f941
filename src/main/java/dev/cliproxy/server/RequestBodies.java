package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads a client's request body once, refusing bodies over the configured size. */
final class RequestBodies {
  /**
   * How much of a refused body is read and thrown away so the client, still sending, gets to read
   * the 413 instead of a broken pipe. Beyond it the connection is simply closed.
   */
  private static final long DRAIN_LIMIT = 256L << 20;

  private RequestBodies() {}

  static byte[] read(Request request, long maxBytes) {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > maxBytes) {
        drainUnlessTooMuch(request, in, declared);
        throw tooLarge(declared, maxBytes);
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        drainUnlessTooMuch(request, in, -1);
        throw tooLarge(-1, maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw ProxyError.invalidRequest(
              "body_unreadable", "The request body could not be read: " + e.getMessage())
          .toException();
    }
  }

  private static void drainUnlessTooMuch(Request request, InputStream in, long declared)
      throws IOException {
    boolean waitsForContinue =
        request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    if (waitsForContinue || declared > DRAIN_LIMIT) {
      return; // the client has not sent the body yet, or it is too big to be worth reading
    }
    long left = DRAIN_LIMIT;
    while (left > 0) {
      long skipped = in.skip(Math.min(left, 1 << 20));
      if (skipped <= 0 && in.read() < 0) {
        return;
      }
      left -= Math.max(skipped, 1);
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
