package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.provider.UpstreamBody;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Messages body rules for requests that are not Claude Code's own: the upstream model name,
 * thinking from a model suffix, the Claude Code system prefix for subscription accounts, {@code
 * max_tokens} above the thinking budget, and the body's {@code betas} moved to the header. A body
 * none of the rules change goes upstream byte for byte.
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

  private ClaudeRequestBody() {}

  /**
   * Applies the rules to the body, editing it only where a rule changes something (an untouched
   * pass-through body goes upstream byte for byte).
   *
   * @return the beta flags taken out of the body's {@code betas}, for the header
   */
  static List<String> apply(UpstreamBody body, Rules rules) {
    ObjectNode root = body.peek();
    if (!root.path("model").asText().equals(rules.model())) {
      body.tree().put("model", rules.model());
    }
    List<String> betas = new ArrayList<>();
    if (root.has("betas")) {
      JsonNode bodyBetas = body.tree().remove("betas");
      if (bodyBetas.isArray()) {
        bodyBetas.forEach(b -> betas.add(b.asText()));
      } else if (bodyBetas.isTextual()) {
        betas.add(bodyBetas.asText());
      }
    }
    if (rules.thinkingBudget().isPresent() && !root.has("thinking")) {
      body.tree()
          .putObject("thinking")
          .put("type", "enabled")
          .put("budget_tokens", rules.thinkingBudget().getAsInt());
    }
    if (rules.systemPrefix()) {
      JsonNode system = ClaudeSystemPrompt.withPrefix(root.get("system"));
      if (system != null) {
        body.tree().set("system", system);
      }
    }
    if (rules.forCount()) {
      for (String field : NOT_COUNTED) {
        if (root.has(field)) {
          body.tree().remove(field);
        }
      }
    } else {
      raiseMaxTokens(body, rules.modelMaxTokens());
    }
    return List.copyOf(betas);
  }

  /**
   * Claude refuses {@code max_tokens <= thinking.budget_tokens}: raise it to the model's limit, or
   * the budget plus {@value #ANSWER_ROOM} when the limit is unknown or too small.
   */
  private static void raiseMaxTokens(UpstreamBody body, OptionalInt modelMaxTokens) {
    ObjectNode root = body.peek();
    JsonNode thinking = root.path("thinking");
    if (!thinking.path("type").asText().equals("enabled")) {
      return;
    }
    long budget = thinking.path("budget_tokens").asLong(0);
    if (budget <= 0) {
      return;
    }
    JsonNode max = root.get("max_tokens");
    if (max != null && max.isNumber() && max.asLong() > budget) {
      return;
    }
    long raised =
        modelMaxTokens.isPresent() && modelMaxTokens.getAsInt() > budget
            ? modelMaxTokens.getAsInt()
            : budget + ANSWER_ROOM;
    body.tree().put("max_tokens", raised);
  }
}
