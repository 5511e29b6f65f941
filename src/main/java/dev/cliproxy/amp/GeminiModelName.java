package dev.cliproxy.amp;

import java.util.Locale;

/**
 * The Gemini thinking suffixes Amp may put on a model name, taken off before the proxy asks whether
 * it serves the model (A6 step 3 of CLIProxyAPI's Amp module): for names starting with {@code
 * gemini-} (any case), a trailing {@code -nothinking} or {@code -reasoning}, or {@code -thinking-}
 * followed by a digit and anything after it; {@code gemini-2.5-pro-thinking-8192} becomes {@code
 * gemini-2.5-pro}. Other names are returned as they are.
 */
public final class GeminiModelName {
  private static final String PREFIX = "gemini-";
  private static final String NO_THINKING = "-nothinking";
  private static final String REASONING = "-reasoning";
  private static final String THINKING_BUDGET = "-thinking-";

  private GeminiModelName() {}

  /** The name without a Gemini thinking suffix. */
  public static String withoutThinkingSuffix(String model) {
    String lower = model.toLowerCase(Locale.ROOT);
    if (!lower.startsWith(PREFIX)) {
      return model;
    }
    if (lower.endsWith(NO_THINKING) && lower.length() > PREFIX.length() + NO_THINKING.length()) {
      return model.substring(0, model.length() - NO_THINKING.length());
    }
    if (lower.endsWith(REASONING) && lower.length() > PREFIX.length() + REASONING.length()) {
      return model.substring(0, model.length() - REASONING.length());
    }
    int budget = lower.lastIndexOf(THINKING_BUDGET);
    int digit = budget + THINKING_BUDGET.length();
    if (budget >= PREFIX.length()
        && digit < lower.length()
        && lower.charAt(digit) >= '0'
        && lower.charAt(digit) <= '9') {
      return model.substring(0, budget);
    }
    return model;
  }
}
