package dev.cliproxy.provider;

import dev.cliproxy.auth.oauth.LoginException;

/**
 * A login a provider kind adds to the command line, such as {@code --codex-login}: the flag, its
 * help text, and the sign-in it runs. The command line reads the config, sets up the HTTP client
 * and turns the outcome into a message and an exit status around it.
 *
 * @param flag the option with its dashes, e.g. {@code --codex-login}
 * @param description its help text in {@code --help}
 * @param provider the provider's name in messages, e.g. {@code Codex} ("Codex login failed: …")
 * @param flow the sign-in, which saves the account in the auth directory
 */
public record LoginFlag(String flag, String description, String provider, Flow flow) {
  public LoginFlag {
    if (!flag.startsWith("--") || flag.length() < 3) {
      throw new IllegalArgumentException("a login flag starts with --: " + flag);
    }
  }

  /** One sign-in: from asking the user to an account file in the auth directory. */
  @FunctionalInterface
  public interface Flow {
    /**
     * Signs in and saves the account; says on {@code session.out()} which account was added.
     *
     * @throws LoginException for each way a login can fail, with a message that says what to do
     */
    void run(LoginSession session) throws LoginException, InterruptedException;
  }
}
