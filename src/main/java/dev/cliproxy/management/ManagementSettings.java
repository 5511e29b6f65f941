package dev.cliproxy.management;

import dev.cliproxy.auth.SecretMask;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code remote-management} block: who may use the management API and with which key.
 *
 * @param allowRemote whether peers other than this machine may call it (still with the key)
 * @param secretKey the management key as the file holds it: a bcrypt hash, or a plaintext that the
 *     proxy replaces by its hash in the file; empty means the API is off (unless {@code
 *     MANAGEMENT_PASSWORD} is set)
 * @param disableControlPanel whether {@code /management.html} is not served
 */
public record ManagementSettings(
    boolean allowRemote, Optional<String> secretKey, boolean disableControlPanel) {

  /** The API off, remote peers refused, the panel served when present. */
  public static final ManagementSettings DEFAULTS =
      new ManagementSettings(false, Optional.empty(), false);

  static final String KEY = "remote-management";

  private static final KeySchema BLOCK =
      new KeySchema(Set.of("allow-remote", "secret-key", "disable-control-panel"), Set.of());

  static final ConfigSection<ManagementSettings> SECTION =
      ConfigSection.of(KEY, DEFAULTS, ManagementSettings::read);

  /** The config keys the management module reads, merged into the loader's schema. */
  public static final ConfigSchema SCHEMA = ConfigSchema.EMPTY.withSection(SECTION);

  /** The settings of a config; {@link #DEFAULTS} for one read without {@link #SCHEMA}. */
  public static ManagementSettings of(Config config) {
    return config.section(SECTION);
  }

  private static ManagementSettings read(ConfigValue block, LoadContext context) {
    BLOCK.check(block.mapping(), context);
    String secret = block.field("secret-key").text("").trim();
    return new ManagementSettings(
        block.field("allow-remote").bool(false),
        secret.isEmpty() ? Optional.empty() : Optional.of(secret),
        block.field("disable-control-panel").bool(false));
  }

  /** Every field, the key masked. */
  @Override
  public String toString() {
    return "ManagementSettings[allowRemote="
        + allowRemote
        + ", secretKey="
        + secretKey.map(SecretMask::mask).orElse("")
        + ", disableControlPanel="
        + disableControlPanel
        + "]";
  }
}
