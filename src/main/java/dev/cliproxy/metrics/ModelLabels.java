package dev.cliproxy.metrics;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code model} label values, bounded: the first {@link #limit} distinct models the proxy
 * served are labelled by name, every later one is folded into {@value #OTHER}, so no client can
 * grow the number of series by inventing model names. A model only counts once it reached an
 * upstream (the proxy serves it); a request for an unknown model is labelled {@value #OTHER} too,
 * and one that named no model {@value #NONE}.
 */
final class ModelLabels {
  static final String OTHER = "other";
  static final String NONE = "none";

  /** How many distinct models get a label of their own by default. */
  static final int DEFAULT_LIMIT = 64;

  /** Longer names are folded too: a label value should stay a name, not a payload. */
  private static final int MAX_NAME_LENGTH = 128;

  private final int limit;
  private final Set<String> named = ConcurrentHashMap.newKeySet();

  ModelLabels(int limit) {
    this.limit = limit;
  }

  /**
   * The label for a model.
   *
   * @param model the model's name, empty when the request named none
   * @param served whether the proxy served it (a route to an upstream was found)
   */
  String of(Optional<String> model, boolean served) {
    if (model.isEmpty() || model.get().isBlank()) {
      return NONE;
    }
    String name = model.get();
    if (!served || name.length() > MAX_NAME_LENGTH) {
      return OTHER;
    }
    if (named.contains(name)) {
      return name;
    }
    synchronized (named) {
      if (named.size() < limit) {
        named.add(name);
        return name;
      }
    }
    return named.contains(name) ? name : OTHER;
  }
}
