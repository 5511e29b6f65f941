package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.provider.ClientHeaders;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recognises Claude Code (and the Claude Agent SDK it is built on): its requests already carry
 * everything Anthropic expects, so they are passed on as they are.
 */
final class ClaudeCodeClient {
  private static final String USER_AGENT_PREFIX = "claude-cli/";

  /** How Claude Code's and the Agent SDK's system prompts begin. */
  private static final List<String> SYSTEM_OPENINGS =
      List.of(
          "x-anthropic-billing-header:",
          "You are a Claude agent, built on Anthropic's Claude Agent SDK.");

  private ClaudeCodeClient() {}

  /**
   * Whether the request comes from Claude Code: its user agent, or a system prompt that opens the
   * way Claude Code's does.
   *
   * @param system the request's {@code system} value, read only when the user agent does not tell
   */
  static boolean isClaudeCode(ClientHeaders headers, Supplier<JsonNode> system) {
    if (headers.first("user-agent").map(ua -> ua.startsWith(USER_AGENT_PREFIX)).orElse(false)) {
      return true;
    }
    JsonNode value = system.get();
    if (value == null || !value.isArray() || value.isEmpty()) {
      return false;
    }
    String first = value.get(0).path("text").asText("");
    return SYSTEM_OPENINGS.stream().anyMatch(first::startsWith);
  }
}
