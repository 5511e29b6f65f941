package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Usage;

/**
 * The one mapping between Claude's {@code usage} object and canonical {@link Usage}. Claude's
 * {@code input_tokens} already leaves out cache reads and cache writes, so the counts carry over
 * one to one.
 */
final class ClaudeUsage {
  private ClaudeUsage() {}

  /** Usage from a Claude {@code usage} object; missing counts are taken from {@code base}. */
  static Usage read(JsonNode usage, Usage base, ClaudeJson json, String path) {
    if (usage == null || usage.isNull()) {
      return base;
    }
    if (!usage.isObject()) {
      throw json.fault(path, "must be an object");
    }
    return new Usage(
        json.optLong(usage, "input_tokens", path).orElse(base.inputTokens()),
        json.optLong(usage, "cache_read_input_tokens", path).orElse(base.cachedInputTokens()),
        json.optLong(usage, "cache_creation_input_tokens", path).orElse(base.cacheWriteTokens()),
        json.optLong(usage, "output_tokens", path).orElse(base.outputTokens()),
        base.reasoningTokens());
  }

  /**
   * Usage after one stream event: {@code message_start} brings {@code message.usage} (input and
   * cache counts), {@code message_delta} its own {@code usage} (the cumulative output, sometimes
   * the input again); other events leave {@code base} as it is.
   */
  static Usage afterEvent(String type, ObjectNode event, Usage base, ClaudeJson json) {
    return switch (type) {
      case "message_start" ->
          read(
              json.object(event, "message", "message_start").get("usage"),
              base,
              json,
              "message_start.message.usage");
      case "message_delta" -> read(event.get("usage"), base, json, "message_delta.usage");
      default -> base;
    };
  }

  /** A Claude {@code usage} object. */
  static ObjectNode write(Usage usage) {
    return ClaudeJson.MAPPER
        .createObjectNode()
        .put("input_tokens", usage.inputTokens())
        .put("cache_creation_input_tokens", usage.cacheWriteTokens())
        .put("cache_read_input_tokens", usage.cachedInputTokens())
        .put("output_tokens", usage.outputTokens());
  }
}
