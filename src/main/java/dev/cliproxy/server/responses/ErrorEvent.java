package dev.cliproxy.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.openai.OpenAiErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error event of the Responses API over WebSocket, {@code {"type":"error","status":S,
 * "error":{type,code,message,param}}}: the HTTP status a POST would have answered and OpenAI's
 * error object. Codex reads {@code status} to decide: 429 and 5xx are retried, 401 refreshes, other
 * 4xx end the turn.
 */
record ErrorEvent(int status, JsonNode error) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED_CHARS = 500;

  /** The proxy's own error, with its OpenAI error object. */
  static ErrorEvent of(ProxyError error) {
    return ofBody(error.status(), OpenAiErrors.body(error));
  }

  /**
   * An error answer's body as the event: its {@code error} object when it has one (OpenAI's and the
   * Codex backend's shape), else the body quoted as the message.
   */
  static ErrorEvent ofBody(int status, byte[] body) {
    JsonNode parsed = parse(body);
    if (parsed != null && parsed.path("error").isObject()) {
      return new ErrorEvent(status, parsed.get("error"));
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (parsed != null && parsed.path("detail").isTextual()) {
      text = parsed.get("detail").asText();
    }
    if (text.length() > MAX_QUOTED_CHARS) {
      text = text.substring(0, MAX_QUOTED_CHARS) + "…";
    }
    ObjectNode error = JSON.createObjectNode();
    error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("code");
    error.put("message", text.isEmpty() ? "The upstream answered HTTP " + status + "." : text);
    error.putNull("param");
    return new ErrorEvent(status, error);
  }

  /**
   * An {@code error} event of a Responses stream (the proxy's own {@code {type, code, message}} or
   * OpenAI's with an {@code error} object) as the WebSocket's: a stream that broke is a 500 unless
   * the event says otherwise.
   */
  static ErrorEvent ofStreamEvent(JsonNode event) {
    int status = event.path("status").asInt(500);
    if (event.path("error").isObject()) {
      return new ErrorEvent(status, event.get("error"));
    }
    ObjectNode error = JSON.createObjectNode();
    error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
    error.set("code", event.path("code").isMissingNode() ? null : event.get("code"));
    error.put("message", event.path("message").asText("The answer broke off."));
    error.putNull("param");
    return new ErrorEvent(status, error);
  }

  /** The text frame. */
  String json() {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "error");
    event.put("status", status);
    event.set("error", error);
    try {
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an error event", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }
}
