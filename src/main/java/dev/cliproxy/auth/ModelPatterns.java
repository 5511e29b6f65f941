package dev.cliproxy.auth;

import java.util.List;
import java.util.Locale;

/**
 * Model name patterns such as {@code excluded-models}: case-insensitive, {@code *} matches any run
 * of characters ({@code gpt-5-*}, {@code *-preview}, {@code *flash*}); without a star the name must
 * match exactly.
 */
public record ModelPatterns(List<String> patterns) {
  public static final ModelPatterns NONE = new ModelPatterns(List.of());

  public ModelPatterns {
    patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** Patterns from several lists (e.g. per-key and per-provider), in order. */
  @SafeVarargs
  public static ModelPatterns of(List<String>... lists) {
    return new ModelPatterns(java.util.Arrays.stream(lists).flatMap(List::stream).toList());
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether any pattern matches the model name. */
  public boolean matches(String model) {
    String name = model.toLowerCase(Locale.ROOT);
    for (String pattern : patterns) {
      if (Wildcard.matches(pattern, name)) {
        return true;
      }
    }
    return false;
  }
}
