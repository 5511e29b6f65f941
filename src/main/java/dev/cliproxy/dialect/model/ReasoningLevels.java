package dev.cliproxy.dialect.model;

import dev.cliproxy.dialect.model.Reasoning.Effort;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one table between effort levels and thinking budgets (CLIProxyAPI head's table): none 0, auto
 * -1, minimal 512, low 1024, medium 8192, high 24576, xhigh 32768; back from budgets by the same
 * thresholds.
 */
public final class ReasoningLevels {
  private ReasoningLevels() {}

  /** The thinking budget for an effort: 0 = off, -1 = the model decides. */
  public static int budgetFor(Effort effort) {
    return switch (effort) {
      case NONE -> 0;
      case AUTO -> -1;
      case MINIMAL -> 512;
      case LOW -> 1024;
      case MEDIUM -> 8192;
      case HIGH -> 24576;
      case XHIGH -> 32768;
    };
  }

  /** The effort a budget amounts to. */
  public static Effort effortFor(int budget) {
    if (budget == 0) {
      return Effort.NONE;
    }
    if (budget < 0) {
      return Effort.AUTO;
    }
    if (budget <= 512) {
      return Effort.MINIMAL;
    }
    if (budget <= 1024) {
      return Effort.LOW;
    }
    if (budget <= 8192) {
      return Effort.MEDIUM;
    }
    if (budget <= 24576) {
      return Effort.HIGH;
    }
    return Effort.XHIGH;
  }

  /** The effort a request asks for: its own, else derived from its budget. */
  public static Optional<Effort> effortOf(Reasoning reasoning) {
    if (reasoning.effort().isPresent()) {
      return reasoning.effort();
    }
    OptionalInt budget = reasoning.budgetTokens();
    return budget.isPresent() ? Optional.of(effortFor(budget.getAsInt())) : Optional.empty();
  }

  /** The budget a request asks for: its own, else derived from its effort. */
  public static OptionalInt budgetOf(Reasoning reasoning) {
    if (reasoning.budgetTokens().isPresent()) {
      return reasoning.budgetTokens();
    }
    return reasoning.effort().map(e -> OptionalInt.of(budgetFor(e))).orElse(OptionalInt.empty());
  }

  /** Effort names as OpenAI spells them ({@code reasoning_effort}, {@code reasoning.effort}). */
  public static String openAiName(Effort effort) {
    return effort.name().toLowerCase(Locale.ROOT);
  }

  /** An OpenAI effort name, or empty if unknown. */
  public static Optional<Effort> fromOpenAiName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Effort e : Effort.values()) {
      if (e.name().equalsIgnoreCase(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
