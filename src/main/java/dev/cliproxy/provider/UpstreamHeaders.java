package dev.cliproxy.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headers of an upstream's answer, in the order received, looked up without regard to case;
 * what failure readers and the gateway see of an answer's head, independent of the HTTP client.
 */
public record UpstreamHeaders(List<Map.Entry<String, String>> entries) {
  public static final UpstreamHeaders NONE = new UpstreamHeaders(List.of());

  public UpstreamHeaders {
    entries = List.copyOf(entries);
  }

  /** Headers from alternating names and values, for tests. */
  public static UpstreamHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    List<Map.Entry<String, String>> list = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      list.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new UpstreamHeaders(list);
  }

  /** The first value of a header, if present. */
  public Optional<String> first(String name) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The first value of a header, or null: for parsers that test for presence. */
  public String get(String name) {
    return first(name).orElse(null);
  }

  /** Every header name in lowercase, with its value, in the order received. */
  public List<Map.Entry<String, String>> lowercase() {
    List<Map.Entry<String, String>> out = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      out.add(Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    }
    return out;
  }
}
