package dev.cliproxy.auth.oauth;

import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a finished login puts its account: the auth directory, or a login failure that says why.
 */
public final class LoginStore {
  private LoginStore() {}

  /**
   * Saves the account file a login produced (owner-only, atomically) and returns where it is.
   *
   * @throws LoginException {@link LoginException.Reason#SAVE_FAILED} naming the file and the
   *     directory, when it cannot be written
   */
  public static Path save(AuthDirectory authDir, CredentialFile file) throws LoginException {
    try {
      authDir.save(file);
    } catch (IOException e) {
      throw new LoginException(
          LoginException.Reason.SAVE_FAILED,
          "Could not save "
              + file.id()
              + " in "
              + authDir.path()
              + " ("
              + e.getMessage()
              + "). Check that the auth-dir is writable and log in again.",
          e);
    }
    return authDir.path().resolve(file.id());
  }
}
