package dev.cliproxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the {@code tls} mapping; enabling TLS requires readable certificate and key files. */
final class TlsSection {

  private TlsSection() {}

  static Config.Tls read(ConfigValue tls, LoadContext context) {
    if (tls.isAbsent()) {
      return Config.Tls.DISABLED;
    }
    ConfigKeys.TLS.check(tls, context);
    boolean enable = tls.field("enable").bool(false);
    Optional<Path> cert = file(tls, "cert", enable, context);
    Optional<Path> key = file(tls, "key", enable, context);
    return new Config.Tls(enable, cert, key);
  }

  private static Optional<Path> file(
      ConfigValue tls, String name, boolean required, LoadContext context) {
    ConfigValue value = tls.field(name);
    String text = value.text("");
    if (text.isEmpty()) {
      if (required) {
        throw value.fail(
            "is required when tls.enable is true (a PEM file)"
                + ConfigKeys.TLS.misspellingHint(tls, name));
      }
      return Optional.empty();
    }
    Path path = context.path(value, text);
    if (required) {
      if (!Files.exists(path)) {
        throw value.fail("no such file: " + path);
      }
      if (!Files.isRegularFile(path)) {
        throw value.fail("not a regular file: " + path);
      }
      if (!Files.isReadable(path)) {
        throw value.fail("file is not readable: " + path);
      }
    }
    return Optional.of(path);
  }
}
