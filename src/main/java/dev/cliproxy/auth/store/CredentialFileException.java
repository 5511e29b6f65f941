package dev.cliproxy.auth.store;

/** An auth file that cannot be used as a credential; the message names the file, never a secret. */
public final class CredentialFileException extends RuntimeException {

  private final String fileName;
  private final String problem;

  public CredentialFileException(String fileName, String problem) {
    super(fileName + ": " + problem);
    this.fileName = fileName;
    this.problem = problem;
  }

  /** The file's name inside the auth directory. */
  public String fileName() {
    return fileName;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
