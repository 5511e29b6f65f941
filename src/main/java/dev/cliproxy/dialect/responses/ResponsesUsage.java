package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Usage;

/**
 * The one mapping between Responses {@code usage} and canonical usage: Responses {@code
 * input_tokens} includes {@code input_tokens_details.cached_tokens}, canonical input counts are
 * disjoint.
 */
final class ResponsesUsage {
  private ResponsesUsage() {}

  /** Canonical usage from a Responses {@code usage} object (absent or null gives NONE). */
  static Usage read(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.NONE;
    }
    long input = usage.path("input_tokens").asLong(0);
    long cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
    return new Usage(
        Math.max(0, input - cached),
        cached,
        0,
        usage.path("output_tokens").asLong(0),
        usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
  }

  /** A Responses {@code usage} object; cache-write tokens count as (uncached) input. */
  static ObjectNode write(Usage usage) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("input_tokens", usage.promptTokens());
    node.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
    node.put("output_tokens", usage.outputTokens());
    node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    node.put("total_tokens", usage.totalTokens());
    return node;
  }
}
