package dev.cliproxy.provider;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of upstream the proxy can use (OpenAI-compatible, Codex, Claude, …), as one folder under
 * {@code provider/} plus one line in the registry: the config sections and endpoint names it reads,
 * the auth-file types and login flags of its accounts, and how it turns the config (and those
 * accounts) into providers and refreshes their tokens.
 */
public interface ProviderKind {

  /** Its name in logs and messages, e.g. {@code codex}. */
  String name();

  /**
   * What it reads from {@code config.yaml} beyond the core keys: its top-level sections (each a
   * constant, read through {@link Config#section}) and the endpoint names {@code endpoints.<name>}
   * may replace for it. Empty by default.
   */
  default ConfigSchema configSchema() {
    return ConfigSchema.EMPTY;
  }

  /**
   * The login flags that add accounts of its {@link #authFileTypes()}; the first is the one named
   * when such an account needs a new login. Empty for kinds without accounts.
   */
  default List<LoginFlag> logins() {
    return List.of();
  }

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
