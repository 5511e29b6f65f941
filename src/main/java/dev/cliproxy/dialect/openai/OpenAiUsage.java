package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Usage;
import java.util.Optional;

/**
 * The one mapping between OpenAI {@code usage} and canonical {@link Usage}: OpenAI's {@code
 * prompt_tokens} includes the cached tokens, canonical {@code inputTokens} does not.
 */
final class OpenAiUsage {
  private OpenAiUsage() {}

  /** The usage of an answer or chunk, from its {@code usage} object; empty when it has none. */
  static Optional<Usage> of(JsonNode answer) {
    JsonNode usage = answer.path("usage");
    return usage.isObject() ? Optional.of(decode(usage)) : Optional.empty();
  }

  static Usage decode(JsonNode usage) {
    long prompt = usage.path("prompt_tokens").asLong(0);
    long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    return new Usage(
        Math.max(0, prompt - cached),
        cached,
        0,
        usage.path("completion_tokens").asLong(0),
        usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
  }

  static void encode(Usage usage, ObjectNode into) {
    into.put("prompt_tokens", usage.promptTokens());
    into.put("completion_tokens", usage.outputTokens());
    into.put("total_tokens", usage.totalTokens());
    if (usage.cachedInputTokens() > 0) {
      into.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
    }
    if (usage.reasoningTokens() > 0) {
      into.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    }
  }
}
