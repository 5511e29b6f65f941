package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The system prompt rule for subscription (OAuth) accounts: Anthropic serves them only to Claude
 * Code, whose system prompt starts with its own introduction. Requests from other clients get that
 * introduction as a first system block, and keep everything they had after it.
 */
final class ClaudeSystemPrompt {
  static final String CLAUDE_CODE_PREFIX =
      "You are Claude Code, Anthropic's official CLI for Claude.";

  private ClaudeSystemPrompt() {}

  /**
   * The {@code system} value with the prefix block first: an absent or empty system becomes the
   * prefix alone, a string becomes the prefix plus the string as a text block, an array keeps every
   * block after the prefix. Null when {@code system} already starts with it.
   */
  static JsonNode withPrefix(JsonNode system) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ArrayNode out = nodes.arrayNode();
    out.add(textBlock(CLAUDE_CODE_PREFIX));
    if (system == null || system.isNull() || system.isMissingNode()) {
      return out;
    }
    if (system.isTextual()) {
      String text = system.asText();
      if (text.equals(CLAUDE_CODE_PREFIX)) {
        return null;
      }
      if (!text.isEmpty()) {
        out.add(textBlock(text));
      }
      return out;
    }
    if (system.isArray()) {
      if (!system.isEmpty()
          && system.get(0).path("type").asText().equals("text")
          && system.get(0).path("text").asText().equals(CLAUDE_CODE_PREFIX)) {
        return null;
      }
      system.forEach(out::add);
      return out;
    }
    // Not a valid system value: leave it for the upstream to refuse.
    return null;
  }

  private static ObjectNode textBlock(String text) {
    return JsonNodeFactory.instance.objectNode().put("type", "text").put("text", text);
  }
}
