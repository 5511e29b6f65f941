package dev.cliproxy.gateway;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.config.Config;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one request reads, fixed for its whole life: the config, the providers built from it
 * and from the auth-dir accounts, the model catalog, the config's payload rules and client keys,
 * and the login flag for each auth-file type. A config reload or an auth-dir change swaps in a new
 * snapshot; requests in flight keep theirs.
 *
 * @param loginFlags per auth-file type, the flag that logs such an account in, e.g. {@code codex}
 *     to {@code --codex-login}
 */
public record RuntimeSnapshot(
    Config config,
    List<Provider> providers,
    ModelCatalog catalog,
    PayloadRules payloadRules,
    ClientKeys clientKeys,
    Map<String, String> loginFlags,
    Instant createdAt) {

  public RuntimeSnapshot {
    providers = List.copyOf(providers);
    loginFlags = Map.copyOf(loginFlags);
  }

  /** A snapshot of these providers with the config's rules and keys, and no login flags. */
  public RuntimeSnapshot(Config config, List<Provider> providers, Instant createdAt) {
    this(config, providers, Map.of(), createdAt);
  }

  private RuntimeSnapshot(
      Config config, List<Provider> providers, Map<String, String> loginFlags, Instant createdAt) {
    this(
        config,
        providers,
        ModelCatalog.of(providers),
        PayloadRules.of(config.payload()),
        ClientKeys.of(config.apiKeys()),
        loginFlags,
        createdAt);
  }

  /**
   * The snapshot for a config and the live accounts: each provider kind's providers over its
   * accounts and config keys, in the kinds' order.
   */
  public static RuntimeSnapshot of(
      Config config, List<Account> accounts, List<ProviderKind> kinds, Instant now) {
    List<Provider> providers = new ArrayList<>();
    Map<String, String> loginFlags = new HashMap<>();
    for (ProviderKind kind : kinds) {
      List<Account> own =
          accounts.stream().filter(a -> kind.authFileTypes().contains(a.provider())).toList();
      providers.addAll(kind.providers(config, own));
      kind.logins().stream()
          .findFirst()
          .map(LoginFlag::flag)
          .ifPresent(flag -> kind.authFileTypes().forEach(type -> loginFlags.put(type, flag)));
    }
    return new RuntimeSnapshot(config, providers, loginFlags, now);
  }

  /**
   * The flag that logs in an account of auth-file type {@code type}, e.g. {@code --codex-login}.
   */
  public Optional<String> loginFlag(String type) {
    return Optional.ofNullable(loginFlags.get(type));
  }

  /**
   * The credentials with this {@link dev.cliproxy.auth.AuthIndex}, with the provider of each: one,
   * or several for an auth file that serves several projects (they share the file's index), or
   * none.
   */
  public List<Indexed> byAuthIndex(String authIndex) {
    List<Indexed> found = new ArrayList<>();
    for (Provider provider : providers) {
      for (Credential credential : provider.credentials()) {
        if (credential.authIndex().equals(authIndex)) {
          found.add(new Indexed(provider, credential));
        }
      }
    }
    return found;
  }

  /** The auth index of the credential with this id, if a provider of this snapshot has it. */
  public Optional<String> authIndexOf(String credentialId) {
    for (Provider provider : providers) {
      for (Credential credential : provider.credentials()) {
        if (credential.id().equals(credentialId)) {
          return Optional.of(credential.authIndex());
        }
      }
    }
    return Optional.empty();
  }

  /** A credential and the provider that uses it. */
  public record Indexed(Provider provider, Credential credential) {}
}
