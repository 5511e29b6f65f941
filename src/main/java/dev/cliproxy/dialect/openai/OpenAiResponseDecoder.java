package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an upstream's whole {@code chat.completion} answer into a {@link ChatResponse}. */
final class OpenAiResponseDecoder {
  private OpenAiResponseDecoder() {}

  static ChatResponse decode(byte[] body) {
    JsonNode root;
    try {
      root = RequestFields.JSON.readTree(body);
    } catch (IOException e) {
      throw upstream("The upstream's answer is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw upstream("The upstream's answer is not a JSON object.");
    }
    JsonNode choice = root.path("choices").path(0);
    if (!choice.isObject()) {
      throw upstream("The upstream's answer has no choices.");
    }
    JsonNode message = choice.path("message");
    List<Part> content = new ArrayList<>();
    reasoningText(message).ifPresent(t -> content.add(new Part.Thinking(t, Optional.empty())));
    text(message, "content").ifPresent(t -> content.add(new Part.Text(t)));
    Optional<String> refusal = text(message, "refusal");
    refusal.ifPresent(t -> content.add(new Part.Text(t)));
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      String arguments = function.path("arguments").asText("");
      content.add(
          new Part.ToolCall(
              call.path("id").asText(""),
              function.path("name").asText(""),
              arguments.isEmpty() ? "{}" : arguments,
              Optional.empty()));
    }
    boolean sawToolCall = content.stream().anyMatch(p -> p instanceof Part.ToolCall);
    StopReason stop =
        refusal.isPresent()
            ? StopReason.REFUSAL
            : stopReason(choice.path("finish_reason").asText(null), sawToolCall);
    return new ChatResponse(
        root.path("id").asText(""),
        root.path("model").asText(""),
        root.path("created").asLong(0),
        content,
        stop,
        OpenAiUsage.of(root).orElse(Usage.NONE));
  }

  /**
   * The stop reason for a {@code finish_reason}; some OpenAI-compatible upstreams say "stop" after
   * tool calls, which still means the model waits for their results.
   */
  static StopReason stopReason(String finishReason, boolean sawToolCall) {
    StopReason reason = StopReasons.fromOpenAi(finishReason);
    return sawToolCall && reason == StopReason.END_TURN ? StopReason.TOOL_USE : reason;
  }

  /**
   * Thinking text: {@code reasoning_content} (DeepSeek, vLLM) or {@code reasoning} (OpenRouter).
   */
  static Optional<String> reasoningText(JsonNode messageOrDelta) {
    Optional<String> text = text(messageOrDelta, "reasoning_content");
    return text.isPresent() ? text : text(messageOrDelta, "reasoning");
  }

  /** A non-empty string field. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.textValue().isEmpty()
        ? Optional.of(value.textValue())
        : Optional.empty();
  }

  static ProxyException upstream(String message) {
    return new ProxyError(502, ProxyError.Kind.UPSTREAM, "bad_upstream_response", message, null)
        .toException();
  }
}
