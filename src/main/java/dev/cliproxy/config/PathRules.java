package dev.cliproxy.config;

import java.nio.file.Path;

/**
 * How a path written in {@code config.yaml} becomes an absolute path: a leading {@code ~} means the
 * user's home, and other relative paths resolve against the process working directory (not the
 * config file's directory), as CLIProxyAPI does.
 *
 * @param home the user's home directory, absolute
 * @param workingDir the base for relative paths, absolute
 */
public record PathRules(Path home, Path workingDir) {

  public PathRules {
    home = home.toAbsolutePath().normalize();
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** The rules of this process: {@code user.home} and the current working directory. */
  public static PathRules ofProcess() {
    return withWorkingDir(Path.of(""));
  }

  /** The rules with this process's home and the given base for relative paths. */
  public static PathRules withWorkingDir(Path workingDir) {
    return new PathRules(Path.of(System.getProperty("user.home")), workingDir);
  }

  /**
   * Resolves a path from the config file: {@code ~} and {@code ~/x} (or {@code ~\x}) are under the
   * home directory, absolute paths stay, anything else is relative to the working directory. A
   * {@code ~name} form is not a home reference and is taken literally.
   *
   * @throws java.nio.file.InvalidPathException if the text cannot be a path on this system
   */
  public Path resolve(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("~")) {
      return home;
    }
    if (trimmed.startsWith("~/") || trimmed.startsWith("~\\")) {
      String rest = trimmed.substring(1).replace('\\', '/');
      int start = 0;
      while (start < rest.length() && rest.charAt(start) == '/') {
        start++;
      }
      return home.resolve(rest.substring(start)).normalize();
    }
    return workingDir.resolve(Path.of(trimmed)).normalize();
  }
}
