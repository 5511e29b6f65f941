package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Claude model family from {@code claude-models.json}: the names clients may ask for, each
 * model's output limit, and the thinking-suffix aliases ({@code claude-opus-4-5-thinking-high} is
 * {@code claude-opus-4-5} with a 24576-token thinking budget).
 */
public final class ClaudeModels {
  private static final String RESOURCE = "/claude-models.json";
  private static final ClaudeModels BUILT_IN = load();

  /**
   * A model name with its thinking suffix taken off.
   *
   * @param model the name the upstream knows
   * @param thinkingBudget the budget the suffix asks for; empty without a suffix
   */
  public record Resolved(String model, OptionalInt thinkingBudget) {}

  private final String ownedBy;
  private final List<String> names;
  private final Map<String, Integer> maxOutputTokens;
  private final List<Map.Entry<String, Integer>> suffixes;

  private ClaudeModels(
      String ownedBy,
      List<String> names,
      Map<String, Integer> maxOutputTokens,
      List<Map.Entry<String, Integer>> suffixes) {
    this.ownedBy = ownedBy;
    this.names = List.copyOf(names);
    this.maxOutputTokens = Map.copyOf(maxOutputTokens);
    this.suffixes = List.copyOf(suffixes);
  }

  /** The list shipped with the proxy. */
  public static ClaudeModels builtIn() {
    return BUILT_IN;
  }

  /** Who model lists say owns these models. */
  public String ownedBy() {
    return ownedBy;
  }

  /** Every name clients may ask for, thinking aliases included, in file order. */
  public List<String> names() {
    return names;
  }

  /**
   * The upstream model and thinking budget for a name: a known thinking suffix ({@code -thinking},
   * {@code -thinking-low|-medium|-high}) is taken off and becomes the budget; any other name is
   * returned as it is.
   */
  public Resolved resolve(String model) {
    String lower = model.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Integer> suffix : suffixes) {
      if (lower.endsWith(suffix.getKey()) && lower.length() > suffix.getKey().length()) {
        return new Resolved(
            model.substring(0, model.length() - suffix.getKey().length()),
            OptionalInt.of(suffix.getValue()));
      }
    }
    return new Resolved(model, OptionalInt.empty());
  }

  /** The largest {@code max_tokens} the model takes, when it is in the list. */
  public OptionalInt maxOutputTokens(String model) {
    Integer max = maxOutputTokens.get(model.toLowerCase(Locale.ROOT));
    return max == null ? OptionalInt.empty() : OptionalInt.of(max);
  }

  private static ClaudeModels load() {
    try (InputStream in = ClaudeModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static ClaudeModels parse(JsonNode root) {
    Map<String, Integer> suffixBudgets = new LinkedHashMap<>();
    root.path("thinkingSuffixes")
        .properties()
        .forEach(e -> suffixBudgets.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asInt()));
    List<Map.Entry<String, Integer>> suffixes = new ArrayList<>(suffixBudgets.entrySet());
    // The longest suffix first, so -thinking-high is not read as -thinking.
    suffixes.sort(
        Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
    List<String> names = new ArrayList<>();
    Map<String, Integer> max = new HashMap<>();
    for (JsonNode model : root.path("models")) {
      String id = model.path("id").asText();
      int limit = model.path("maxOutputTokens").asInt(0);
      names.add(id);
      if (limit > 0) {
        max.put(id.toLowerCase(Locale.ROOT), limit);
      }
      if (model.path("thinkingAliases").asBoolean(false)) {
        suffixBudgets.keySet().forEach(suffix -> names.add(id + suffix));
      }
    }
    return new ClaudeModels(root.path("ownedBy").asText("anthropic"), names, max, suffixes);
  }
}
