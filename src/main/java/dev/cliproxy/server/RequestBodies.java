package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a client's request body once, refusing bodies over the configured size: at once, before a
 * byte is read, when the declared length is too large, else as soon as the limit is passed. The
 * rest of a refused body is never read; the caller closes the connection after its answer.
 */
final class RequestBodies {
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
