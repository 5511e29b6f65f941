package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Usage;

/**
 * The {@code response} object clients get (whole, and inside stream events), with the request
 * fields OpenAI echoes taken from the client's request. The model echoed is the one the client
 * asked for (an alias stays an alias), falling back to the upstream's when the request has none.
 */
final class ResponsesObject {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesObject() {}

  /**
   * @param status in_progress, completed, incomplete or failed
   * @param incompleteReason {@code incomplete_details.reason}, or null
   * @param error the {@code error} object of a failed response, or null
   * @param usage final usage, or null while in progress
   */
  static ObjectNode build(
      String id,
      long createdAt,
      String status,
      String upstreamModel,
      ChatRequest request,
      ArrayNode output,
      Usage usage,
      String incompleteReason,
      ObjectNode error) {
    ObjectNode r = NODES.objectNode();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", createdAt);
    r.put("status", status);
    r.set("error", error);
    if (incompleteReason == null) {
      r.putNull("incomplete_details");
    } else {
      r.putObject("incomplete_details").put("reason", incompleteReason);
    }
    r.put("instructions", ResponsesSettings.instructions(request));
    if (request.sampling().maxOutputTokens().isPresent()) {
      r.put("max_output_tokens", request.sampling().maxOutputTokens().getAsInt());
    } else {
      r.putNull("max_output_tokens");
    }
    r.put("model", request.model().isEmpty() ? upstreamModel : request.model());
    r.set("output", output);
    r.put("parallel_tool_calls", ResponsesSettings.parallelToolCalls(request.toolChoice()));
    r.putNull("previous_response_id");
    r.set(
        "reasoning",
        request
            .reasoning()
            .<JsonNode>map(given -> ResponsesSettings.reasoning(given, true))
            .orElseGet(() -> NODES.objectNode().putNull("effort").putNull("summary")));
    r.put("store", false);
    r.set("temperature", ResponsesSettings.number(request.sampling().temperature()));
    r.set("text", ResponsesSettings.text(request.responseFormat()));
    r.set("tool_choice", ResponsesSettings.toolChoice(request.toolChoice()));
    r.set("tools", ResponsesSettings.tools(request));
    r.set("top_p", ResponsesSettings.number(request.sampling().topP()));
    r.put("truncation", "disabled");
    r.set("usage", usage == null ? null : ResponsesUsage.write(usage));
    r.put("user", request.user().orElse(null));
    r.putObject("metadata");
    return r;
  }
}
