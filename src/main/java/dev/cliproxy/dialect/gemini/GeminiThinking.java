package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.Reasoning.Effort;
import dev.cliproxy.dialect.model.ReasoningLevels;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request's reasoning as the {@code thinkingConfig} of the Gemini model it goes to (translation
 * ref §3.4.1-2): Gemini 3 models take a {@code thinkingLevel} (Pro knows {@code low} and {@code
 * high}, Flash also {@code minimal} and {@code medium}; "auto" leaves the model's own), Gemini 2.5
 * models a {@code thinkingBudget} clamped to the model's range (Pro 128-32768 and never off, Flash
 * 0-24576, Flash-Lite 512-24576 or off; -1, the model decides, everywhere), other models the budget
 * as asked. Thoughts are included whenever thinking was not turned off.
 */
final class GeminiThinking {
  /** A 2.5 model's budget range, as CLIProxyAPI's registry has it. */
  private record Range(int min, int max, boolean zeroAllowed) {
    int clamp(int budget) {
      if (budget < 0) {
        return -1;
      }
      if (budget == 0) {
        return zeroAllowed ? 0 : min;
      }
      return Math.clamp(budget, min, max);
    }
  }

  private static final Range PRO_25 = new Range(128, 32768, false);
  private static final Range FLASH_25 = new Range(0, 24576, true);
  private static final Range FLASH_LITE_25 = new Range(512, 24576, true);

  private GeminiThinking() {}

  /** The {@code thinkingConfig} for {@code model} (a name with or without {@code models/}). */
  static ObjectNode config(String model, Reasoning reasoning) {
    String lower = model == null ? "" : model.toLowerCase(Locale.ROOT);
    String name = lower.startsWith("models/") ? lower.substring("models/".length()) : lower;
    ObjectNode t = GeminiNode.JSON.createObjectNode();
    OptionalInt asked = ReasoningLevels.budgetOf(reasoning);
    if (name.startsWith("gemini-3")) {
      ReasoningLevels.effortOf(reasoning)
          .flatMap(e -> level(e, name.contains("flash")))
          .ifPresent(level -> t.put("thinkingLevel", level));
    } else if (asked.isPresent()) {
      t.put(
          "thinkingBudget",
          range(name).map(r -> r.clamp(asked.getAsInt())).orElse(asked.getAsInt()));
    }
    t.put("includeThoughts", asked.isPresent() ? asked.getAsInt() != 0 : reasoning.showThoughts());
    return t;
  }

  /** A Gemini 3 level for an effort; none for "auto", the model's dynamic default. */
  private static Optional<String> level(Effort effort, boolean flash) {
    return Optional.ofNullable(
        switch (effort) {
          case NONE, MINIMAL -> flash ? "minimal" : "low";
          case LOW -> "low";
          case MEDIUM -> flash ? "medium" : "high";
          case HIGH, XHIGH -> "high";
          case AUTO -> null;
        });
  }

  private static Optional<Range> range(String name) {
    if (name.startsWith("gemini-2.5-pro")) {
      return Optional.of(PRO_25);
    }
    if (name.startsWith("gemini-2.5-flash-lite")) {
      return Optional.of(FLASH_LITE_25);
    }
    if (name.startsWith("gemini-2.5-flash")) {
      return Optional.of(FLASH_25);
    }
    return Optional.empty();
  }
}
