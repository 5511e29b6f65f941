package dev.cliproxy.management;

import dev.cliproxy.auth.store.AuthDirectory;
import java.util.Locale;

/**
 * A file name the management API accepts for the auth directory: one plain {@code <name>.json}
 * inside it, never a path ({@code /}, {@code \}, {@code ..}) or a hidden file.
 */
final class AuthFileName {
  private AuthFileName() {}

  /**
   * The name, trimmed.
   *
   * @throws ManagementError 400 {@code invalid name} or {@code name must end with .json}
   */
  static String check(String raw) {
    String name = raw == null ? "" : raw.trim();
    if (name.isEmpty()
        || name.contains("/")
        || name.contains("\\")
        || name.contains("..")
        || name.chars().anyMatch(c -> c < 0x20)) {
      throw new ManagementError(
          400, "invalid name", "give a file name inside the auth directory, e.g. codex-me.json");
    }
    if (!name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      throw ManagementError.badRequest("name must end with .json");
    }
    if (!AuthDirectory.isAuthFileName(name)) {
      throw new ManagementError(
          400, "invalid name", "auth files are named <name>.json and do not start with a dot");
    }
    return name;
  }
}
