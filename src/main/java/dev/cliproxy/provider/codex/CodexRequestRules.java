package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.util.List;

/**
 * What the Codex backend requires of a Responses body, applied to a client's own body (Codex CLI)
 * and to translated ones alike:
 *
 * <ul>
 *   <li>{@code stream: true} (the backend only streams) and {@code store: false};
 *   <li>{@code include} contains {@code reasoning.encrypted_content}, so reasoning survives the
 *       stateless turns;
 *   <li>{@code instructions} become a leading {@code developer} message and {@code system} input
 *       items become {@code developer} ones — that is how the current Codex CLI sends its prompt,
 *       with no {@code instructions} field;
 *   <li>fields the backend refuses are removed: {@code previous_response_id} (nothing is stored),
 *       {@code max_output_tokens}, {@code max_completion_tokens}, {@code temperature}, {@code
 *       top_p}, {@code service_tier};
 *   <li>an effort alias ({@code gpt-5-high}) becomes the model plus {@code reasoning.effort};
 *   <li>{@code prompt_cache_key} defaults to the session id, so a conversation hits the cache.
 * </ul>
 *
 * Everything else passes unchanged.
 */
final class CodexRequestRules {
  static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
  static final List<String> REFUSED_FIELDS =
      List.of(
          "previous_response_id",
          "max_output_tokens",
          "max_completion_tokens",
          "temperature",
          "top_p",
          "service_tier");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CodexRequestRules() {}

  /**
   * Reads a Responses request body.
   *
   * @throws dev.cliproxy.dialect.ProxyException (400) when it is not a JSON object
   */
  static ObjectNode parse(byte[] body) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(body);
    } catch (IOException e) {
      parsed = null;
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw ProxyError.invalidRequest(
              "invalid_request_body", "The request body must be a JSON object.")
          .toException();
    }
    return object;
  }

  static byte[] bytes(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Applies the rules to {@code body} in place.
   *
   * @param target the model (and effort) the upstream name stands for
   * @param sessionId this conversation's id, for {@code prompt_cache_key}
   */
  static void apply(ObjectNode body, CodexModels.Target target, String sessionId) {
    body.put("model", target.model());
    target.effort().ifPresent(effort -> reasoning(body).put("effort", effort));
    if (!body.has("reasoning")) {
      body.putObject("reasoning").put("summary", "auto");
    }
    body.put("stream", true);
    body.put("store", false);
    includeEncryptedReasoning(body);
    REFUSED_FIELDS.forEach(body::remove);
    moveInstructions(body);
    JsonNode cacheKey = body.get("prompt_cache_key");
    if (cacheKey == null || !cacheKey.isTextual() || cacheKey.asText().isBlank()) {
      body.put("prompt_cache_key", sessionId);
    }
  }

  private static ObjectNode reasoning(ObjectNode body) {
    return body.get("reasoning") instanceof ObjectNode r ? r : body.putObject("reasoning");
  }

  private static void includeEncryptedReasoning(ObjectNode body) {
    ArrayNode include =
        body.get("include") instanceof ArrayNode existing ? existing : body.putArray("include");
    for (JsonNode entry : include) {
      if (entry.asText().equals(ENCRYPTED_REASONING)) {
        return;
      }
    }
    include.add(ENCRYPTED_REASONING);
  }

  /** {@code instructions} → a first developer message; {@code system} items → developer. */
  private static void moveInstructions(ObjectNode body) {
    ArrayNode input;
    JsonNode raw = body.get("input");
    if (raw != null && raw.isTextual()) {
      input = JSON.createArrayNode();
      input.add(message("user", raw.asText()));
    } else if (raw instanceof ArrayNode items) {
      input = items;
    } else {
      input = JSON.createArrayNode();
    }
    for (JsonNode item : input) {
      if (item instanceof ObjectNode o && "system".equals(o.path("role").asText())) {
        o.put("role", "developer");
      }
    }
    JsonNode instructions = body.remove("instructions");
    if (instructions != null && instructions.isTextual() && !instructions.asText().isBlank()) {
      input.insert(0, message("developer", instructions.asText()));
    }
    body.set("input", input);
  }

  private static ObjectNode message(String role, String text) {
    ObjectNode item = JSON.createObjectNode().put("type", "message").put("role", role);
    item.putArray("content").addObject().put("type", "input_text").put("text", text);
    return item;
  }
}
