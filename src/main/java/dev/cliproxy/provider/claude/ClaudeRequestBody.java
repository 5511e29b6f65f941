package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Messages body rules for requests that are not Claude Code's own: the upstream model name,
 * thinking from a model suffix, the Claude Code system prefix for subscription accounts, {@code
 * max_tokens} above the thinking budget, and the body's {@code betas} moved to the header. A body
 * none of the rules change is returned byte for byte.
 */
final class ClaudeRequestBody {
  /** Room for the answer after the thinking, when the model's limit is unknown. */
  static final int ANSWER_ROOM = 4000;

  /** Fields the count_tokens endpoint refuses, which translated bodies may carry. */
  private static final List<String> NOT_COUNTED =
      List.of(
          "max_tokens",
          "stream",
          "temperature",
          "top_p",
          "top_k",
          "stop_sequences",
          "metadata",
          "service_tier");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /**
   * What to change.
   *
   * @param model the model name the upstream knows, set when it differs from the body's
   * @param thinkingBudget a budget from a model suffix, used when the body asks for no thinking
   * @param systemPrefix whether the Claude Code introduction must open the system prompt
   * @param modelMaxTokens the model's largest {@code max_tokens}, when known
   * @param forCount whether the body goes to count_tokens and must lose generation-only fields
   */
  record Rules(
      String model,
      OptionalInt thinkingBudget,
      boolean systemPrefix,
      OptionalInt modelMaxTokens,
      boolean forCount) {}

  /**
   * The body to send and the beta flags taken out of it.
   *
   * @param body the bytes to send
   * @param betas flags from the body's {@code betas} field, for the header
   */
  record Prepared(byte[] body, List<String> betas) {}

  private ClaudeRequestBody() {}

  /** Applies the rules; the bytes come back unchanged when no rule changes anything. */
  static Prepared apply(byte[] body, Rules rules) {
    ObjectNode root = parse(body);
    boolean changed = false;
    if (!root.path("model").asText().equals(rules.model())) {
      root.put("model", rules.model());
      changed = true;
    }
    List<String> betas = new ArrayList<>();
    JsonNode bodyBetas = root.remove("betas");
    if (bodyBetas != null) {
      if (bodyBetas.isArray()) {
        bodyBetas.forEach(b -> betas.add(b.asText()));
      } else if (bodyBetas.isTextual()) {
        betas.add(bodyBetas.asText());
      }
      changed = true;
    }
    if (rules.thinkingBudget().isPresent() && !root.has("thinking")) {
      root.putObject("thinking")
          .put("type", "enabled")
          .put("budget_tokens", rules.thinkingBudget().getAsInt());
      changed = true;
    }
    if (rules.systemPrefix()) {
      JsonNode system = ClaudeSystemPrompt.withPrefix(root.get("system"));
      if (system != null) {
        root.set("system", system);
        changed = true;
      }
    }
    if (rules.forCount()) {
      for (String field : NOT_COUNTED) {
        changed |= root.remove(field) != null;
      }
    } else {
      changed |= raiseMaxTokens(root, rules.modelMaxTokens());
    }
    return new Prepared(changed ? bytes(root) : body, List.copyOf(betas));
  }

  /**
   * Claude refuses {@code max_tokens <= thinking.budget_tokens}: raise it to the model's limit, or
   * the budget plus {@value #ANSWER_ROOM} when the limit is unknown or too small.
   */
  private static boolean raiseMaxTokens(ObjectNode root, OptionalInt modelMaxTokens) {
    JsonNode thinking = root.path("thinking");
    if (!thinking.path("type").asText().equals("enabled")) {
      return false;
    }
    long budget = thinking.path("budget_tokens").asLong(0);
    if (budget <= 0) {
      return false;
    }
    JsonNode max = root.get("max_tokens");
    if (max != null && max.isNumber() && max.asLong() > budget) {
      return false;
    }
    long raised =
        modelMaxTokens.isPresent() && modelMaxTokens.getAsInt() > budget
            ? modelMaxTokens.getAsInt()
            : budget + ANSWER_ROOM;
    root.put("max_tokens", raised);
    return true;
  }

  /** The {@code system} value of a body, for telling clients apart; null when absent. */
  static JsonNode system(byte[] body) {
    return parse(body).get("system");
  }

  private static ObjectNode parse(byte[] body) {
    try {
      if (JSON.readTree(body) instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // reported below
    }
    throw ProxyError.invalidRequest(
            "invalid_json", "The request body for Claude is not a JSON object.")
        .toException();
  }

  private static byte[] bytes(ObjectNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
