package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReasons;
import java.util.ArrayList;
import java.util.List;

/** Reads an upstream's whole Responses {@code response} object into a canonical answer. */
final class ResponsesResponseDecoder {

  ChatResponse decode(byte[] body) {
    JsonNode response = ResponsesJson.upstream(body, "the upstream's Responses answer");
    return fromResponseObject(response);
  }

  /** Also used for the {@code response} of a stream's final event. */
  static ChatResponse fromResponseObject(JsonNode response) {
    String status = response.path("status").asText("");
    if (status.equals("failed")) {
      throw ResponsesJson.badUpstream(
          "the upstream response failed: "
              + response.path("error").path("message").asText("no reason given"));
    }
    List<Part> content = new ArrayList<>();
    boolean sawToolCall = false;
    for (JsonNode item : response.path("output")) {
      List<Part> parts = OutputItemReader.read(item);
      sawToolCall |= parts.stream().anyMatch(Part.ToolCall.class::isInstance);
      content.addAll(parts);
    }
    return new ChatResponse(
        response.path("id").asText(""),
        response.path("model").asText(""),
        response.path("created_at").asLong(0),
        content,
        StopReasons.fromResponses(
            status, response.path("incomplete_details").path("reason").asText(null), sawToolCall),
        ResponsesUsage.read(response.get("usage")));
  }
}
