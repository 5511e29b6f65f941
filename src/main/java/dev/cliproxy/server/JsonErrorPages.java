package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.gateway.Codecs;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages, as JSON: the answers Jetty writes itself (a broken request line, a too long
 * URI, too large headers, a failed request, a server shutting down) are errors in the route's
 * dialect, or OpenAI's where no route is known, like every answer the proxy writes.
 */
final class JsonErrorPages extends ErrorHandler {
  private static final int MAX_QUOTED = 200;

  private final Function<String, Dialect> dialectOfPath;
  private final Codecs codecs;

  /**
   * @param dialectOfPath the dialect a path's route answers errors in
   * @param codecs the dialects' codecs
   */
  JsonErrorPages(Function<String, Dialect> dialectOfPath, Codecs codecs) {
    this.dialectOfPath = dialectOfPath;
    this.codecs = codecs;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = codecs.of(dialect(request)).encodeError(error(code, message));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private Dialect dialect(Request request) {
    try {
      return dialectOfPath.apply(Request.getPathInContext(request));
    } catch (RuntimeException noUsablePath) {
      return Dialect.OPENAI_CHAT;
    }
  }

  /** What a status Jetty answers by itself means to a client. */
  static ProxyError error(int status, String jettyMessage) {
    return switch (status) {
      case 400 ->
          ProxyError.invalidRequest(
              "bad_request", "The request is not valid HTTP/1.1" + quoted(jettyMessage) + ".");
      case 413 ->
          new ProxyError(
              413,
              ProxyError.Kind.REQUEST_TOO_LARGE,
              "request_too_large",
              "The request is larger than this proxy accepts; send less, or raise"
                  + " max-body-size-mb in config.yaml.",
              Optional.empty());
      case 414 ->
          invalid(414, "uri_too_long", "The request's URI is longer than this proxy accepts.");
      case 431 ->
          invalid(
              431,
              "headers_too_large",
              "The request's headers are larger than this proxy accepts; send fewer or shorter"
                  + " headers.");
      case 503 ->
          new ProxyError(
              503,
              ProxyError.Kind.INTERNAL,
              "unavailable",
              "The proxy is not taking requests now (it may be shutting down); retry shortly.",
              Optional.empty());
      default ->
          status >= 500
              ? new ProxyError(
                  status,
                  ProxyError.Kind.INTERNAL,
                  "internal_error",
                  "The proxy failed to answer (HTTP " + status + "); see its log.",
                  Optional.empty())
              : invalid(
                  status,
                  "http_" + status,
                  "HTTP " + status + " " + HttpStatus.getMessage(status) + quoted(jettyMessage));
    };
  }

  private static ProxyError invalid(int status, String code, String message) {
    return new ProxyError(status, ProxyError.Kind.INVALID_REQUEST, code, message, Optional.empty());
  }

  private static String quoted(String jettyMessage) {
    if (jettyMessage == null || jettyMessage.isBlank()) {
      return "";
    }
    String text = jettyMessage.strip();
    return ": " + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text);
  }
}
