package dev.cliproxy.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP headers a client sent, by lowercase name, for providers that forward or honour some of
 * them (Claude's {@code anthropic-beta}, a client's {@code user-agent}).
 */
public record ClientHeaders(Map<String, List<String>> byName) {
  public static final ClientHeaders NONE = new ClientHeaders(Map.of());

  public ClientHeaders {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    byName.forEach((name, values) ->
        copy.merge(
            name.toLowerCase(Locale.ROOT),
            List.copyOf(values),
            (a, b) -> {
              List<String> both = new java.util.ArrayList<>(a);
              both.addAll(b);
              return List.copyOf(both);
            }));
    byName = java.util.Collections.unmodifiableMap(copy);
  }

  /** The first non-blank value of a header, if sent. */
  public Optional<String> first(String name) {
    return all(name).stream().filter(v -> !v.isBlank()).findFirst();
  }

  /** Every value of a header, in the order sent. */
  public List<String> all(String name) {
    return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }
}
