package dev.cliproxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.DialectCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where failures become what the client is told, in its dialect: before anything was
 * sent, a status with an error body (and {@code Retry-After} when known); once a stream has
 * started, an error event inside it. An upstream's own JSON error body is passed on as it is when
 * the client speaks the upstream's dialect.
 */
public final class ErrorReply {
  private static final int MAX_QUOTED = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorReply() {}

  /** What to tell a client about a failed request. */
  sealed interface Reply {
    /** What the reply says, as a dialect-independent error. */
    ProxyError error();

    /** An error written by the proxy in the client's dialect. */
    record Written(ProxyError error) implements Reply {}

    /** The upstream's own error body, for a client of its dialect. */
    record Upstream(UpstreamFailure failure, ProxyError error) implements Reply {}
  }

  /** Answers an error in the client's dialect: a body if nothing was sent yet, else an event. */
  public static void send(ClientSink sink, DialectCodec client, ProxyError error) {
    try {
      if (sink.committed()) {
        sink.event(client.encodeStreamError(error));
        sink.end();
        return;
      }
      Map<String, String> headers =
          error
              .retryAfterSeconds()
              .map(s -> Map.of("Retry-After", Long.toString(s)))
              .orElse(Map.of());
      sink.complete(error.status(), "application/json", client.encodeError(error), headers);
    } catch (IOException clientGone) {
      // nothing left to tell anyone
    }
  }

  /** Answers a reply: the upstream's body as it is, or the proxy's own error. */
  static void send(ClientSink sink, DialectCodec client, Reply reply) {
    switch (reply) {
      case Reply.Written written -> send(sink, client, written.error());
      case Reply.Upstream upstream -> {
        UpstreamFailure failure = upstream.failure();
        Map<String, String> headers =
            upstream
                .error()
                .retryAfterSeconds()
                .map(s -> Map.of("Retry-After", Long.toString(s)))
                .orElse(Map.of());
        try {
          sink.complete(failure.status(), "application/json", failure.body(), headers);
        } catch (IOException clientGone) {
          // nothing left to tell anyone
        }
      }
    }
  }

  /**
   * Tells a client whose stream has started that it broke off, through the answer's shape (a
   * translated stream closes its open blocks first), and ends the stream.
   */
  static void inStream(ClientSink sink, ResponseShape shape, ProxyError error) {
    try {
      sink.event(shape.errorEvent(error));
      sink.end();
    } catch (IOException clientGone) {
      // the client is gone; nothing to tell
    }
  }

  /**
   * What to tell the client about an upstream failure: the upstream's own JSON error body and
   * status when the client speaks the upstream's dialect, otherwise an error in the client's
   * dialect that says which upstream failed and quotes its message.
   */
  static Reply forUpstream(UpstreamFailure failure, String provider, boolean sameDialect) {
    ProxyError error = describe(failure, provider);
    if (sameDialect && failure.status() != 0 && looksLikeJson(failure)) {
      return new Reply.Upstream(failure, error);
    }
    return new Reply.Written(error);
  }

  private static ProxyError describe(UpstreamFailure failure, String provider) {
    if (failure.status() == 0) {
      return new ProxyError(
          502,
          ProxyError.Kind.UPSTREAM,
          "upstream_unreachable",
          "Could not reach upstream '" + provider + "': " + failure.reason() + ".",
          failure.retryAfter());
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
        failure.retryAfter());
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

  /** A 503 for a request no credential could serve, naming what the user must do. */
  static ProxyError noCredentials(String model, String why) {
    return new ProxyError(
        503,
        ProxyError.Kind.UPSTREAM,
        "no_credentials",
        "No credential is available for model " + model + "." + why,
        Optional.empty());
  }
}
