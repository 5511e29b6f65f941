package dev.cliproxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys one mapping of {@code config.yaml} may hold: those this version reads, and those
 * CLIProxyAPI defines that this version does not read yet; anything else is a likely typo, warned
 * with a "did you mean" hint.
 *
 * @param supported the keys read
 * @param recognised the keys known but not read yet
 */
public record KeySchema(Set<String> supported, Set<String> recognised) {

  private static final int MAX_SUGGESTION_DISTANCE = 2;

  public KeySchema {
    supported = Set.copyOf(supported);
    recognised = Set.copyOf(recognised);
  }

  /**
   * Adds a warning for each key of {@code mapping} this version ignores. Recognised keys with no
   * value are skipped: they change nothing even in CLIProxyAPI.
   */
  public void check(ConfigValue mapping, LoadContext context) {
    mapping
        .fields()
        .forEach((key, value) -> {
          if (supported.contains(key)) {
            return;
          }
          if (recognised.contains(key)) {
            if (!value.isAbsent()) {
              context.warn(
                  "key '"
                      + value.path()
                      + "' is recognised but not used by this version yet (ignored)");
            }
            return;
          }
          String warning = "unknown key '" + value.path() + "' (ignored)";
          String suggestion = closest(key);
          context.warn(
              suggestion == null ? warning : warning + "; did you mean '" + suggestion + "'?");
        });
  }

  /**
   * For an error about a missing {@code wanted} key: a hint naming an unknown key of {@code
   * mapping} that looks like a misspelling of it, e.g. {@code ; found 'base_url', did you mean
   * 'base-url'?}, or an empty string.
   */
  public String misspellingHint(ConfigValue mapping, String wanted) {
    if (mapping.isAbsent() || !mapping.node().isObject()) {
      return "";
    }
    for (String key : mapping.fields().keySet()) {
      if (!supported.contains(key) && !recognised.contains(key) && wanted.equals(closest(key))) {
        return "; found '" + key + "', did you mean '" + wanted + "'?";
      }
    }
    return "";
  }

  private String closest(String key) {
    String wanted = key.toLowerCase(Locale.ROOT);
    List<String> candidates = new ArrayList<>(supported);
    candidates.addAll(recognised);
    candidates.sort(null);
    String best = null;
    int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
    for (String candidate : candidates) {
      int distance = distance(wanted, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Edit distance where a swap of two neighbouring characters counts as one edit. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
