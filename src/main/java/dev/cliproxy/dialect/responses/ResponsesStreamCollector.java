package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.StreamCollector;
import dev.cliproxy.dialect.openai.OpenAiErrors;
import dev.cliproxy.dialect.sse.SseData;
import java.io.IOException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes the whole Responses answer from a stream: the {@code response} of {@code
 * response.completed} (or {@code response.incomplete}). When that response lists no output — the
 * Codex backend may leave it empty, since its own client builds items from {@code output_item.done}
 * — the items of the {@code output_item.done} events are filled in, in output order. A stream
 * without a final response is cut short (408, as CLIProxyAPI reports it); {@code response.failed}
 * or {@code error} is an upstream failure (502) quoting the upstream's message.
 */
final class ResponsesStreamCollector implements StreamCollector {
  private final TreeMap<Integer, JsonNode> doneItems = new TreeMap<>();
  private ObjectNode finalResponse;
  private String failure;

  @Override
  public void onEvent(byte[] sseEvent) {
    if (finalResponse != null || failure != null) {
      return;
    }
    byte[] data = SseData.of(sseEvent);
    if (data == null || SseData.isDone(data)) {
      return;
    }
    JsonNode event;
    try {
      event = ResponsesJson.MAPPER.readTree(data);
    } catch (IOException e) {
      failure = "the upstream sent an unreadable Responses stream event";
      return;
    }
    if (event == null || !event.isObject()) {
      return;
    }
    switch (event.path("type").asText("")) {
      case "response.output_item.done" ->
          doneItems.put(event.path("output_index").asInt(doneItems.size()), event.path("item"));
      case "response.completed", "response.incomplete" -> {
        if (event.get("response") instanceof ObjectNode response) {
          finalResponse = response;
        } else {
          failure = "the upstream's final stream event has no response object";
        }
      }
      case "response.failed" -> failure = message(event.path("response").path("error"));
      case "error" -> failure = message(event.has("error") ? event.path("error") : event);
      default -> {
        // deltas and the rest are repeated in output_item.done and the final response
      }
    }
  }

  @Override
  public Result result() {
    if (failure != null) {
      return incomplete(502, "upstream_stream_failed", failure);
    }
    if (finalResponse == null) {
      return incomplete(
          408,
          "stream_incomplete",
          "stream disconnected before completion: stream closed before response.completed");
    }
    JsonNode output = finalResponse.get("output");
    if ((output == null || !output.isArray() || output.isEmpty()) && !doneItems.isEmpty()) {
      ArrayNode items = finalResponse.putArray("output");
      doneItems.values().forEach(items::add);
    }
    return new Result.Complete(ResponsesJson.bytes(finalResponse));
  }

  private static Result incomplete(int status, String code, String message) {
    ProxyError error =
        new ProxyError(status, ProxyError.Kind.UPSTREAM, code, message, Optional.empty());
    return new Result.Incomplete(error, OpenAiErrors.body(error));
  }

  private static String message(JsonNode error) {
    String message = error.path("message").asText("");
    String code = error.path("code").asText("");
    return "the upstream failed"
        + (code.isEmpty() ? "" : " (" + code + ")")
        + (message.isEmpty() ? "" : ": " + message);
  }
}
