package dev.cliproxy.config;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A top-level section of {@code config.yaml} that a provider kind reads, such as {@code
 * codex-api-key}: its key, its value when the key is absent, and how it is read and validated.
 *
 * <p>A {@link Config} holds section values by section, so each section is one constant (a {@code
 * static final} field of its kind). Values are compared by value ({@link Config#equals} tells a
 * reload that changed something from one that did not), so they are records, lists and maps.
 *
 * @param <T> what the section reads to
 */
public final class ConfigSection<T> {
  private final String key;
  private final T absent;
  private final BiFunction<ConfigValue, LoadContext, T> reader;

  private ConfigSection(String key, T absent, BiFunction<ConfigValue, LoadContext, T> reader) {
    if (key.isBlank()) {
      throw new IllegalArgumentException("a config section needs a key");
    }
    this.key = key;
    this.absent = Objects.requireNonNull(absent, "absent");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /**
   * A section.
   *
   * @param key its top-level key
   * @param absent its value when the file does not have the key, or gives it no value
   * @param reader reads a present value: fails with {@link ConfigValue#fail} (naming the key path)
   *     for what cannot be used, and warns through {@link LoadContext#warn} about what it ignores
   */
  public static <T> ConfigSection<T> of(
      String key, T absent, BiFunction<ConfigValue, LoadContext, T> reader) {
    return new ConfigSection<>(key, absent, reader);
  }

  /** Its top-level key, e.g. {@code codex-api-key}. */
  public String key() {
    return key;
  }

  /** Its value when the file does not have the key. */
  public T absent() {
    return absent;
  }

  /**
   * Its value in a file: {@link #absent()} when {@code value} is absent, else what the reader makes
   * of it.
   *
   * @throws ConfigException naming the key path of a value that cannot be used
   */
  public T read(ConfigValue value, LoadContext context) {
    return value.isAbsent()
        ? absent
        : Objects.requireNonNull(reader.apply(value, context), () -> key + " read to null");
  }

  @Override
  public String toString() {
    return key;
  }
}
