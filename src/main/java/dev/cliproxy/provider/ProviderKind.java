package dev.cliproxy.provider;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.config.Config;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of upstream the proxy can use (OpenAI-compatible, Codex, Claude, …), as one folder under
 * {@code provider/} plus one line in the registry: it turns the config (and its accounts from the
 * auth directory) into providers, and refreshes those accounts' tokens.
 */
public interface ProviderKind {

  /** Its name in logs and messages, e.g. {@code codex}. */
  String name();

  /**
   * The auth-file {@code type}s whose accounts it serves (as {@link Account#provider()} gives
   * them); empty for kinds configured only in {@code config.yaml}.
   */
  default Set<String> authFileTypes() {
    return Set.of();
  }

  /**
   * The providers for the current config and accounts (accounts that need a login are included;
   * routing skips them). May be empty.
   *
   * @param accounts the live accounts whose file type is one of {@link #authFileTypes()}, disabled
   *     ones left out
   */
  List<Provider> providers(Config config, List<Account> accounts);

  /** How its accounts are refreshed, with the config's endpoints; empty if never. */
  default Optional<TokenRefresher> refresher(Config config) {
    return Optional.empty();
  }
}
