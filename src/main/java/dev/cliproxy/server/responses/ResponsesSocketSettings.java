package dev.cliproxy.server.responses;

import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code responses-websocket:} section of {@code config.yaml}: how many Responses API
 * WebSockets may be open at once, and how long one may sit idle (no frame either way) before the
 * proxy closes it. Read from the config of each upgrade, so a reload applies to the next socket.
 *
 * @param maxOpen open sockets allowed at once ({@code max-open}, default 128); an upgrade past it
 *     is refused with a 503 before the socket opens
 * @param idleTimeout {@code idle-timeout-seconds}, default 300 (Codex waits as long for an event)
 */
public record ResponsesSocketSettings(int maxOpen, Duration idleTimeout) {

  public static final ResponsesSocketSettings DEFAULTS =
      new ResponsesSocketSettings(128, Duration.ofSeconds(300));

  private static final KeySchema KEYS =
      new KeySchema(Set.of("max-open", "idle-timeout-seconds"), Set.of());

  static final ConfigSection<ResponsesSocketSettings> SECTION =
      ConfigSection.of("responses-websocket", DEFAULTS, ResponsesSocketSettings::read);

  /** The config key the settings are read from; merged into the loader's schema. */
  public static final ConfigSchema SCHEMA = ConfigSchema.EMPTY.withSection(SECTION);

  /** The settings of a config; {@link #DEFAULTS} for a config read without {@link #SCHEMA}. */
  public static ResponsesSocketSettings of(Config config) {
    return config.section(SECTION);
  }

  private static ResponsesSocketSettings read(ConfigValue section, LoadContext context) {
    KEYS.check(section.mapping(), context);
    return new ResponsesSocketSettings(
        section.field("max-open").integer(DEFAULTS.maxOpen(), 1, 100_000),
        Duration.ofSeconds(
            section
                .field("idle-timeout-seconds")
                .integer((int) DEFAULTS.idleTimeout().toSeconds(), 1, 86_400)));
  }
}
