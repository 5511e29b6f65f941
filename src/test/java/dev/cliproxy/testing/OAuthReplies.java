package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answers of an OAuth 2.0 server's endpoints: RFC 6749 §5.1 token answers and §5.2 error
 * answers ({@code {"error", "error_description"}}), both {@code Cache-Control: no-store}.
 */
final class OAuthReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OAuthReplies() {}

  static void tokens(
      HttpExchange exchange, FakeOAuthServer.Tokens tokens, Map<String, Object> extras)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", tokens.accessToken());
    body.put("refresh_token", tokens.refreshToken());
    body.put("token_type", "Bearer");
    body.put("expires_in", tokens.expiresIn().toSeconds());
    extras.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Pragma", "no-cache");
    send(exchange, 200, "application/json", JSON.writeValueAsString(body));
  }

  static void error(HttpExchange exchange, int status, String error, String description)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, status, "application/json", JSON.writeValueAsString(body));
  }

  static void json(HttpExchange exchange, ObjectNode body) throws IOException {
    send(exchange, 200, "application/json", JSON.writeValueAsString(body));
  }

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
