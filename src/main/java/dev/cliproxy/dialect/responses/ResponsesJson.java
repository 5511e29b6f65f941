package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The JSON mapper this dialect shares, with the upstream-side parse that fails as a 502. */
final class ResponsesJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ResponsesJson() {}

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses an upstream's body; anything but a JSON object is a 502. */
  static JsonNode upstream(byte[] body, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw badUpstream(what + " is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw badUpstream(what + " is not a JSON object");
    }
    return node;
  }

  static ProxyException badUpstream(String message) {
    return new ProxyError(
            502, ProxyError.Kind.UPSTREAM, "invalid_upstream_response", message, Optional.empty())
        .toException();
  }
}
