package dev.cliproxy.provider;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.config.Config;
import java.util.List;
import java.util.Optional;

/**
 * A first-party provider type whose accounts live in auth-dir files ({@code codex}, {@code
 * claude}): it turns those accounts, and its API keys from config, into providers, and refreshes
 * its accounts' tokens.
 */
public interface ProviderKind {

  /** The auth file {@code type} it owns, as {@link Account#provider()} gives it. */
  String type();

  /**
   * The providers for the current config and accounts of this type (accounts that need a login are
   * included; routing skips them). May be empty.
   *
   * @param accounts the live accounts whose file type is {@link #type()}, disabled ones left out
   */
  List<Provider> providers(Config config, List<Account> accounts);

  /** How accounts of this type are refreshed, with the config's endpoints; empty if never. */
  Optional<TokenRefresher> refresher(Config config);
}
