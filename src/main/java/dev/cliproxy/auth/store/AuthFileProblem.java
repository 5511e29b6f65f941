package dev.cliproxy.auth.store;

/**
 * An auth file that was skipped, and why; never holds a secret.
 *
 * @param fileName the file's name inside the auth directory
 * @param problem what is wrong with it, e.g. {@code has no "type" (a non-empty string)}
 */
public record AuthFileProblem(String fileName, String problem) {

  @Override
  public String toString() {
    return fileName + ": " + problem;
  }
}
