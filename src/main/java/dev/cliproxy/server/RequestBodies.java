package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads a client's request body once, refusing bodies over the configured size. */
final class RequestBodies {
  private RequestBodies() {}

  static byte[] read(Request request, long maxBytes) {
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes);
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge(-1, maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw ProxyError.invalidRequest(
              "body_unreadable", "The request body could not be read: " + e.getMessage())
          .toException();
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
