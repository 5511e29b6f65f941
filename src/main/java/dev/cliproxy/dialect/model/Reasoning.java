package dev.cliproxy.dialect.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much the model should think, as the client said it: an effort level (OpenAI, Responses), a
 * token budget (Claude, Gemini), or both. {@link ReasoningLevels} converts between them.
 *
 * @param effort the effort level, if given
 * @param budgetTokens the thinking budget, if given; 0 means off, -1 means "the model decides"
 * @param showThoughts whether the client wants the thinking text back (Gemini {@code
 *     includeThoughts}, Responses {@code reasoning.summary})
 */
public record Reasoning(Optional<Effort> effort, OptionalInt budgetTokens, boolean showThoughts) {

  /** Effort levels, from none to the most. */
  public enum Effort {
    NONE,
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH,
    XHIGH,
    AUTO
  }
}
