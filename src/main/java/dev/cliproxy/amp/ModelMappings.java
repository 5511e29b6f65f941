package dev.cliproxy.amp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Model mappings ready for lookups: exact entries by lower-cased {@code from} (of two entries for
 * one name the later wins), then regex entries in file order, compiled case-insensitively and
 * matched anywhere in the name ({@link java.util.regex.Matcher#find}, as Go's {@code MatchString}
 * does; anchor with {@code ^…$} for whole names).
 *
 * <p>A {@link ThinkingSuffix} on the requested model is kept: when the whole name has no mapping,
 * its base is looked up and the suffix goes onto the target, unless the target has one of its own.
 * If the proxy does not serve the target with the suffix but serves it without, the plain target is
 * used (the suffix cannot be expressed for that model; a thinking setting in the body still
 * applies).
 */
public final class ModelMappings {
  /** No mappings: every lookup is empty. */
  public static final ModelMappings NONE = new ModelMappings(Map.of(), List.of());

  private final Map<String, String> exact;
  private final List<Map.Entry<Pattern, String>> patterns;

  private ModelMappings(Map<String, String> exact, List<Map.Entry<Pattern, String>> patterns) {
    this.exact = exact;
    this.patterns = patterns;
  }

  /**
   * The lookups for these entries, in file order.
   *
   * @throws java.util.regex.PatternSyntaxException for a regex entry that does not compile (a
   *     loaded config has none: the load fails on it)
   */
  public static ModelMappings of(List<ModelMapping> mappings) {
    Map<String, String> exact = new HashMap<>();
    List<Map.Entry<Pattern, String>> patterns = new ArrayList<>();
    for (ModelMapping mapping : mappings) {
      if (mapping.regex()) {
        patterns.add(Map.entry(compile(mapping.from()), mapping.to()));
      } else {
        exact.put(key(mapping.from()), mapping.to());
      }
    }
    return new ModelMappings(Map.copyOf(exact), List.copyOf(patterns));
  }

  /** A mapping's regex as lookups use it. */
  static Pattern compile(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** Whether there is no mapping at all. */
  public boolean isEmpty() {
    return exact.isEmpty() && patterns.isEmpty();
  }

  /**
   * The model to serve instead of {@code requestedModel}, when a mapping names one that the proxy
   * serves.
   *
   * @param requestedModel the model asked for (already without a Gemini thinking suffix, see {@link
   *     GeminiModelName})
   * @param served whether the proxy serves a model name
   * @return the target, with the request's thinking suffix where it applies; empty when no mapping
   *     matches or the proxy does not serve its target
   */
  public Optional<String> target(String requestedModel, Predicate<String> served) {
    String whole = requestedModel.trim();
    if (whole.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> direct = lookup(whole);
    if (direct.isPresent()) {
      return direct.filter(served);
    }
    ThinkingSuffix requested = ThinkingSuffix.of(whole);
    if (!requested.present()) {
      return Optional.empty();
    }
    return lookup(requested.base()).flatMap(target -> withSuffix(target, requested, served));
  }

  private static Optional<String> withSuffix(
      String target, ThinkingSuffix requested, Predicate<String> served) {
    if (ThinkingSuffix.of(target).present()) {
      return Optional.of(target).filter(served);
    }
    String suffixed = target + requested.suffix();
    if (served.test(suffixed)) {
      return Optional.of(suffixed);
    }
    return Optional.of(target).filter(served);
  }

  private Optional<String> lookup(String model) {
    String to = exact.get(key(model));
    if (to != null) {
      return Optional.of(to);
    }
    for (Map.Entry<Pattern, String> pattern : patterns) {
      if (pattern.getKey().matcher(model).find()) {
        return Optional.of(pattern.getValue());
      }
    }
    return Optional.empty();
  }

  private static String key(String model) {
    return model.trim().toLowerCase(Locale.ROOT);
  }
}
