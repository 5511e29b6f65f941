package dev.cliproxy.cli;

import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import java.nio.file.Path;

/**
 * The config a login command uses: the same file the server would read ({@code --config}, else
 * {@code ./config.yaml}, else the built-in defaults), for {@code auth-dir}, {@code endpoints} and
 * {@code proxy-url}.
 */
final class LoginConfig {
  private LoginConfig() {}

  /**
   * @param explicitConfig {@code --config}, or null
   * @param loader reads it, with every provider kind's sections
   * @throws ConfigException when the file is invalid, or {@code --config} names no file
   */
  static Config read(Path explicitConfig, ConfigLoader loader) {
    Path file =
        explicitConfig != null
            ? explicitConfig.toAbsolutePath()
            : Path.of("config.yaml").toAbsolutePath();
    return ProxyApplication.initialConfig(file, explicitConfig != null, loader).config();
  }
}
