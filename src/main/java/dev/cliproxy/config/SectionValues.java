package dev.cliproxy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of the provider kinds' config sections in one {@link Config}, by section, compared by
 * value; a section it has no value for reads as {@link ConfigSection#absent()}.
 */
public final class SectionValues {
  /** No section values: every section reads as absent. */
  public static final SectionValues NONE = new SectionValues(Map.of());

  private final Map<ConfigSection<?>, Object> values;

  private SectionValues(Map<ConfigSection<?>, Object> values) {
    this.values = values;
  }

  /** The value of {@code section}, or its {@link ConfigSection#absent()} value. */
  public <T> T get(ConfigSection<T> section) {
    Object value = values.get(section);
    if (value == null) {
      return section.absent();
    }
    // Safe: with() is the only way in, and it pairs each section with a value of its type.
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  /** These values with {@code section} set to {@code value}. */
  public <T> SectionValues with(ConfigSection<T> section, T value) {
    Map<ConfigSection<?>, Object> next = new LinkedHashMap<>(values);
    next.put(Objects.requireNonNull(section, "section"), Objects.requireNonNull(value, "value"));
    return new SectionValues(Collections.unmodifiableMap(next));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SectionValues that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
