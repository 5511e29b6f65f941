package dev.cliproxy.metrics;

import dev.cliproxy.auth.SecretMask;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code metrics:} section of {@code config.yaml}: whether {@code GET /metrics} answers, and
 * the key that lets scrapers on other machines in. Read from each request's config, so a reload
 * applies to the next scrape.
 *
 * @param enabled whether {@code /metrics} answers at all ({@code metrics.enabled}, default true)
 * @param key the key a peer elsewhere presents as {@code Authorization: Bearer} ({@code
 *     metrics.key}); empty means peers on this machine only
 */
public record MetricsSettings(boolean enabled, Optional<String> key) {

  /** On, for this machine only. */
  public static final MetricsSettings DEFAULTS = new MetricsSettings(true, Optional.empty());

  private static final KeySchema KEYS = new KeySchema(Set.of("enabled", "key"), Set.of());

  static final ConfigSection<MetricsSettings> SECTION =
      ConfigSection.of("metrics", DEFAULTS, MetricsSettings::read);

  /** The config key the settings are read from; merged into the loader's schema. */
  public static final ConfigSchema SCHEMA = ConfigSchema.EMPTY.withSection(SECTION);

  public MetricsSettings {
    Objects.requireNonNull(key, "key");
  }

  /** The settings of a config; {@link #DEFAULTS} for a config read without {@link #SCHEMA}. */
  public static MetricsSettings of(Config config) {
    return config.section(SECTION);
  }

  private static MetricsSettings read(ConfigValue section, LoadContext context) {
    KEYS.check(section.mapping(), context);
    String key = section.field("key").text("");
    return new MetricsSettings(
        section.field("enabled").bool(true), key.isEmpty() ? Optional.empty() : Optional.of(key));
  }

  /** Every field, the key masked as {@link SecretMask} does. */
  @Override
  public String toString() {
    return "MetricsSettings[enabled="
        + enabled
        + ", key="
        + key.map(SecretMask::mask).orElse("")
        + "]";
  }
}
