package dev.cliproxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns an upstream failure into what the client is told. */
final class UpstreamErrors {
  private static final int MAX_QUOTED = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpstreamErrors() {}

  /**
   * Tells the client about an upstream failure: the upstream's own JSON error body and status when
   * the client speaks the upstream's dialect, otherwise an error in the client's dialect that says
   * which upstream failed and quotes its message.
   *
   * @throws ProxyException carrying the synthesised error
   */
  static void report(
      UpstreamFailure failure, String provider, boolean sameDialect, ClientSink sink) {
    if (sameDialect && failure.status() != 0 && looksLikeJson(failure)) {
      Map<String, String> headers =
          failure
              .retryAfter()
              .map(d ->
                  Map.of("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
              .orElse(Map.of());
      try {
        sink.complete(failure.status(), "application/json", failure.body(), headers);
      } catch (IOException clientGone) {
        // nothing left to tell anyone
      }
      return;
    }
    throw synthesised(failure, provider);
  }

  private static ProxyException synthesised(UpstreamFailure failure, String provider) {
    if (failure.status() == 0) {
      return new ProxyError(
              502,
              ProxyError.Kind.UPSTREAM,
              "upstream_unreachable",
              "Could not reach upstream '" + provider + "': " + failure.reason() + ".",
              failure.retryAfter())
          .toException();
    }
    String text = upstreamMessage(failure.body());
    if (text.length() > MAX_QUOTED) {
      text = text.substring(0, MAX_QUOTED) + "…";
    }
    int status = failure.status() >= 400 ? failure.status() : 502;
    return new ProxyError(
            status,
            kind(status),
            "upstream_error",
            "Upstream '"
                + provider
                + "' answered HTTP "
                + failure.status()
                + (text.isEmpty() ? "." : ": " + text),
            failure.retryAfter())
        .toException();
  }

  /**
   * The human part of an upstream error body: {@code error.message} (OpenAI, Claude and Gemini all
   * put it there), else {@code message}, else the body as text.
   */
  private static String upstreamMessage(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null) {
        JsonNode message = root.path("error").path("message");
        if (message.isTextual()) {
          return message.asText();
        }
        if (root.path("message").isTextual()) {
          return root.path("message").asText();
        }
      }
    } catch (IOException notJson) {
      // quote it as text
    }
    return text;
  }

  private static boolean looksLikeJson(UpstreamFailure failure) {
    byte[] b = failure.body();
    int i = 0;
    while (i < b.length && Character.isWhitespace(b[i])) {
      i++;
    }
    return i < b.length && b[i] == '{' && failure.status() >= 400;
  }

  private static ProxyError.Kind kind(int status) {
    return switch (status) {
      case 400, 422 -> ProxyError.Kind.INVALID_REQUEST;
      case 401 -> ProxyError.Kind.AUTHENTICATION;
      case 403 -> ProxyError.Kind.PERMISSION;
      case 404 -> ProxyError.Kind.NOT_FOUND;
      case 413 -> ProxyError.Kind.REQUEST_TOO_LARGE;
      case 429 -> ProxyError.Kind.RATE_LIMIT;
      default -> ProxyError.Kind.UPSTREAM;
    };
  }
}
