package dev.cliproxy.amp;

import java.util.List;
import java.util.Locale;

/**
 * A thinking suffix on a model name, in the two spellings a mapping keeps: this proxy's thinking
 * aliases ({@code -thinking}, {@code -thinking-low}, {@code -thinking-medium}, {@code
 * -thinking-high}, as the Claude models list them, e.g. {@code claude-opus-4-5-thinking-high}) and
 * CLIProxyAPI's parenthesised level or budget ({@code gpt-5(high)}, {@code gemini-2.5-pro(8192)}).
 * Codex effort aliases ({@code gpt-5-high}) are not read as suffixes: {@code -high} alone is too
 * common in plain model names.
 *
 * @param base the name without the suffix
 * @param suffix the suffix as written, e.g. {@code -thinking-high} or {@code (8192)}; empty for
 *     none
 */
record ThinkingSuffix(String base, String suffix) {
  /** Longest first, so that {@code -thinking-high} is not read as {@code -thinking}. */
  private static final List<String> ALIAS_SUFFIXES =
      List.of("-thinking-medium", "-thinking-high", "-thinking-low", "-thinking");

  /** The name split into base and suffix; the whole name and no suffix when it has none. */
  static ThinkingSuffix of(String model) {
    if (model.endsWith(")")) {
      int open = model.lastIndexOf('(');
      if (open > 0 && open < model.length() - 2) {
        return new ThinkingSuffix(model.substring(0, open), model.substring(open));
      }
    }
    String lower = model.toLowerCase(Locale.ROOT);
    for (String suffix : ALIAS_SUFFIXES) {
      if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
        int cut = model.length() - suffix.length();
        return new ThinkingSuffix(model.substring(0, cut), model.substring(cut));
      }
    }
    return new ThinkingSuffix(model, "");
  }

  /** Whether the name had a suffix. */
  boolean present() {
    return !suffix.isEmpty();
  }
}
