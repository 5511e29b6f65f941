package dev.cliproxy.usage;

import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code usage:} section of {@code config.yaml}: whether answered requests are recorded, in
 * which SQLite file, and for how long they are kept. CLIProxyAPI's top-level {@code
 * usage-statistics-enabled} is read too: a file that says {@code false} there records nothing.
 *
 * @param enabled {@code usage.enabled}, default true
 * @param statisticsEnabled {@code usage-statistics-enabled}, default true when absent
 * @param database {@code usage.database}, resolved as other paths are; empty for {@code
 *     usage.sqlite} in the auth directory
 * @param retentionDays {@code usage.retention-days}, default 90; 0 keeps records forever
 */
public record UsageSettings(
    boolean enabled, boolean statisticsEnabled, Optional<Path> database, int retentionDays) {

  /** The file name in the auth directory when {@code usage.database} is not set. */
  public static final String DEFAULT_FILE = "usage.sqlite";

  public static final int DEFAULT_RETENTION_DAYS = 90;

  private static final KeySchema KEYS =
      new KeySchema(Set.of("enabled", "database", "retention-days"), Set.of());

  private record Block(boolean enabled, Optional<Path> database, int retentionDays) {}

  private static final Block DEFAULT_BLOCK =
      new Block(true, Optional.empty(), DEFAULT_RETENTION_DAYS);

  private static final ConfigSection<Block> BLOCK =
      ConfigSection.of("usage", DEFAULT_BLOCK, UsageSettings::read);

  /** The top-level switch CLIProxyAPI's management API and Management Center read and write. */
  static final ConfigSection<Boolean> STATISTICS_ENABLED =
      ConfigSection.of("usage-statistics-enabled", true, (value, context) -> value.bool(true));

  /** The config keys the settings are read from; merged into the loader's schema. */
  public static final ConfigSchema SCHEMA =
      ConfigSchema.EMPTY.withSection(BLOCK).withSection(STATISTICS_ENABLED);

  /** The settings of a config; the defaults for a config read without {@link #SCHEMA}. */
  public static UsageSettings of(Config config) {
    Block block = config.section(BLOCK);
    return new UsageSettings(
        block.enabled(),
        config.section(STATISTICS_ENABLED),
        block.database(),
        block.retentionDays());
  }

  /** Whether requests are recorded: both switches on. */
  public boolean recording() {
    return enabled && statisticsEnabled;
  }

  /** The database file for a config: {@link #database} or {@code usage.sqlite} in its auth-dir. */
  public Path databaseIn(Config config) {
    return database.orElseGet(() -> config.authDir().resolve(DEFAULT_FILE));
  }

  /** Records older than this are deleted at {@code now}; empty when they are kept forever. */
  public Optional<Instant> cutoff(Instant now) {
    return retentionDays == 0
        ? Optional.empty()
        : Optional.of(now.minus(Duration.ofDays(retentionDays)));
  }

  private static Block read(ConfigValue block, LoadContext context) {
    ConfigValue mapping = block.mapping();
    KEYS.check(mapping, context);
    ConfigValue database = mapping.field("database");
    String path = database.text("");
    return new Block(
        mapping.field("enabled").bool(true),
        path.isEmpty() ? Optional.empty() : Optional.of(context.path(database, path)),
        mapping.field("retention-days").integer(DEFAULT_RETENTION_DAYS, 0, 36500));
  }
}
