package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.sse.SseData;

/** Writes errors the way the Claude API does: {@code {"type":"error","error":{type,message}}}. */
final class ClaudeErrors {
  private ClaudeErrors() {}

  /** The response body for an error. */
  static byte[] body(ProxyError error) {
    return body(type(error), error.message());
  }

  /** The same shape for a stream that broke off, as an {@code event: error}. */
  static byte[] streamEvent(String message) {
    return SseData.namedEvent("error", body("api_error", message));
  }

  /** An error inside a stream, typed by its kind, as an {@code event: error}. */
  static byte[] streamEvent(ProxyError error) {
    return SseData.namedEvent("error", body(error));
  }

  private static byte[] body(String type, String message) {
    ObjectNode root = ClaudeJson.MAPPER.createObjectNode().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return ClaudeJson.bytes(root);
  }

  /**
   * Claude's error type names; an upstream that is down or overloaded is {@code overloaded_error}.
   */
  static String type(ProxyError error) {
    return switch (error.kind()) {
      case INVALID_REQUEST -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case NOT_FOUND -> "not_found_error";
      case REQUEST_TOO_LARGE -> "request_too_large";
      case RATE_LIMIT -> "rate_limit_error";
      case UPSTREAM ->
          error.status() == 529 || error.status() == 503 ? "overloaded_error" : "api_error";
      case INTERNAL -> "api_error";
    };
  }
}
