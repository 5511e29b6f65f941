package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.provider.ClientHeaders;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The conversation id sent as {@code Session_id} and used as the default {@code prompt_cache_key},
 * so the backend's prompt cache follows a conversation: the client's own session header (Codex
 * CLI's {@code session-id}, Claude Code's {@code x-claude-code-session-id}), else the body's {@code
 * prompt_cache_key}, else a fresh id.
 */
final class CodexSession {
  private static final List<String> SESSION_HEADERS =
      List.of("session-id", "session_id", "x-claude-code-session-id", "conversation_id");

  private CodexSession() {}

  static String id(ClientHeaders client, JsonNode body, Supplier<UUID> fresh) {
    for (String name : SESSION_HEADERS) {
      Optional<String> value = client.first(name).map(String::strip);
      if (value.isPresent() && !value.get().isEmpty()) {
        return value.get();
      }
    }
    JsonNode key = body.get("prompt_cache_key");
    if (key != null && key.isTextual() && !key.asText().isBlank()) {
      return key.asText();
    }
    return fresh.get().toString();
  }
}
