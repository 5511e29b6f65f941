package dev.cliproxy.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import java.util.Optional;

/**
 * What one socket's last response can be continued from: Codex sends its next {@code
 * response.create} with {@code previous_response_id} and only the items added since (its tool
 * outputs, the next user message). Upstreams keep no state (the proxy sends every request with
 * {@code store: false} semantics), so the proxy rebuilds the whole input: the last request's input,
 * the last response's output items, then the new items. Only the socket's latest response can be
 * continued, as OpenAI's WebSocket mode allows.
 */
final class Transcript {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The latest response: its id and the whole input and output it continues from. */
  private record Last(String responseId, ArrayNode input, ArrayNode output) {}

  private Last last;

  /**
   * The request body for the upstream: {@code create} without the WebSocket's own fields, its input
   * as an array and, when it continues the latest response, preceded by that response's input and
   * output.
   *
   * @throws ProxyException 400 {@code previous_response_not_found} for any other previous id, and
   *     400 for an input that is neither a string nor an array
   */
  synchronized ObjectNode expand(ObjectNode create) {
    ObjectNode body = create.deepCopy();
    body.remove("type");
    body.remove("generate");
    body.remove("background");
    JsonNode previous = body.remove("previous_response_id");
    ArrayNode input = items(body.get("input"));
    if (previous != null && !previous.isNull()) {
      String id = previous.asText();
      if (last == null || !last.responseId().equals(id)) {
        throw new ProxyError(
                400,
                ProxyError.Kind.INVALID_REQUEST,
                "previous_response_not_found",
                "Previous response with id '"
                    + id
                    + "' not found: on this WebSocket only the latest completed response ("
                    + (last == null ? "none yet" : last.responseId())
                    + ") can be continued; send the whole input without previous_response_id.",
                Optional.empty())
            .toException();
      }
      ArrayNode whole = JSON.createArrayNode();
      whole.addAll(last.input());
      whole.addAll(last.output());
      whole.addAll(input);
      input = whole;
    }
    body.set("input", input);
    return body;
  }

  /** The socket's latest response from now on. */
  synchronized void remember(String responseId, ArrayNode input, ArrayNode output) {
    last = responseId.isEmpty() ? null : new Last(responseId, input.deepCopy(), output.deepCopy());
  }

  /** A response that failed cannot be continued, nor can the one before it. */
  synchronized void forget() {
    last = null;
  }

  private static ArrayNode items(JsonNode input) {
    if (input == null || input.isNull()) {
      return JSON.createArrayNode();
    }
    if (input.isArray()) {
      return (ArrayNode) input;
    }
    if (input.isTextual()) {
      ArrayNode items = JSON.createArrayNode();
      items.addObject().put("role", "user").put("content", input.asText());
      return items;
    }
    throw ProxyError.invalidRequest(
            "invalid_type",
            "'input' must be a string or an array of items, got " + input.getNodeType())
        .toException();
  }
}
