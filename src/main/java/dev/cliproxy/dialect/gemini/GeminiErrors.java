package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;

/** Encodes errors the way the Gemini API does: {@code {"error":{code,message,status}}}. */
final class GeminiErrors {
  private GeminiErrors() {}

  static byte[] body(ProxyError error) {
    return GeminiNode.bytes(object(error.status(), error.kind(), error.message()));
  }

  static ObjectNode object(int status, ProxyError.Kind kind, String message) {
    ObjectNode root = GeminiNode.JSON.createObjectNode();
    root.putObject("error").put("code", status).put("message", message).put("status", status(kind));
    return root;
  }

  /** Google's canonical status names. */
  static String status(ProxyError.Kind kind) {
    return switch (kind) {
      case INVALID_REQUEST, REQUEST_TOO_LARGE -> "INVALID_ARGUMENT";
      case AUTHENTICATION -> "UNAUTHENTICATED";
      case PERMISSION -> "PERMISSION_DENIED";
      case NOT_FOUND -> "NOT_FOUND";
      case RATE_LIMIT -> "RESOURCE_EXHAUSTED";
      case UPSTREAM -> "UNAVAILABLE";
      case INTERNAL -> "INTERNAL";
    };
  }
}
