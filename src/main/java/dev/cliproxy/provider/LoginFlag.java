package dev.cliproxy.provider;

import dev.cliproxy.auth.oauth.LoginException;
import java.util.List;
import java.util.Optional;

/**
 * A login a provider kind adds to the command line, such as {@code --codex-login}: the flag, its
 * help text, and the sign-in it runs. The command line reads the config, sets up the HTTP client
 * and turns the outcome into a message and an exit status around it.
 *
 * @param flag the option with its dashes, e.g. {@code --codex-login}
 * @param description its help text in {@code --help}
 * @param provider the provider's name in messages, e.g. {@code Codex} ("Codex login failed: …")
 * @param flow the sign-in, which saves the account in the auth directory
 * @param paramLabel for a flag that takes a value (such as {@code --vertex-import FILE}), the
 *     value's name in {@code --help}; the flow reads it from {@link LoginSession#argument()}
 * @param options the options that may modify this login, such as {@code --project_id}
 */
public record LoginFlag(
    String flag,
    String description,
    String provider,
    Flow flow,
    Optional<String> paramLabel,
    List<LoginOption> options) {
  public LoginFlag {
    if (!flag.startsWith("--") || flag.length() < 3) {
      throw new IllegalArgumentException("a login flag starts with --: " + flag);
    }
    options = List.copyOf(options);
  }

  /** A flag without a value or options. */
  public LoginFlag(String flag, String description, String provider, Flow flow) {
    this(flag, description, provider, flow, Optional.empty(), List.of());
  }

  /** Whether {@code option} may modify this login. */
  public boolean accepts(LoginOption option) {
    return options.contains(option);
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
