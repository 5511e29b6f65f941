package dev.cliproxy.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the section readers share while one config file is read: path rules and warnings.
 *
 * @param paths how paths in the file resolve
 * @param warnings where warnings go, in file order; never a secret value
 */
public record LoadContext(PathRules paths, List<String> warnings) {

  /** Adds a warning about something the file holds that is ignored, e.g. a dropped entry. */
  public void warn(String warning) {
    warnings.add(warning);
  }

  /** The absolute path for a path-valued key. */
  public Path path(ConfigValue value, String text) {
    try {
      return paths.resolve(text);
    } catch (InvalidPathException e) {
      throw value.fail("not a valid path (" + e.getReason() + ")");
    }
  }

  /** An optional outbound proxy; empty text means none. */
  public Optional<ProxyUrl> proxyUrl(ConfigValue value) {
    String text = value.text("");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.equalsIgnoreCase("direct") || text.equalsIgnoreCase("none")) {
      throw value.fail(
          "'" + text + "' (bypass the global proxy) is not supported by this version yet");
    }
    try {
      return Optional.of(ProxyUrl.parse(text));
    } catch (IllegalArgumentException e) {
      // ProxyUrl's messages describe the problem without repeating the URL, which may hold a
      // password.
      throw value.fail(e.getMessage());
    }
  }
}
