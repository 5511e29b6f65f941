package dev.cliproxy.gateway;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.config.Config;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import dev.cliproxy.provider.openaicompat.OpenAiCompatProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one request reads, fixed for its whole life: the config, the providers built from it
 * and from the auth-dir accounts, the model catalog, the config's payload rules and its client
 * keys. A config reload or an auth-dir change swaps in a new snapshot; requests in flight keep
 * theirs.
 */
public record RuntimeSnapshot(
    Config config,
    List<Provider> providers,
    ModelCatalog catalog,
    PayloadRules payloadRules,
    ClientKeys clientKeys,
    Instant createdAt) {

  public RuntimeSnapshot {
    providers = List.copyOf(providers);
  }

  /** A snapshot of these providers, with the config's rules and keys. */
  public RuntimeSnapshot(Config config, List<Provider> providers, Instant createdAt) {
    this(
        config,
        providers,
        ModelCatalog.of(providers),
        PayloadRules.of(config.payload()),
        ClientKeys.of(config.apiKeys()),
        createdAt);
  }

  /** The snapshot for a config alone, with no auth-dir accounts. */
  public static RuntimeSnapshot of(Config config, Instant now) {
    return of(config, List.of(), List.of(), now);
  }

  /**
   * The snapshot for a config and the live accounts: OpenAI-compatible upstreams first, then each
   * provider kind's providers over its accounts and config keys.
   */
  public static RuntimeSnapshot of(
      Config config, List<Account> accounts, List<ProviderKind> kinds, Instant now) {
    List<Provider> providers = new ArrayList<>();
    config.openaiCompatibility().stream().map(OpenAiCompatProvider::from).forEach(providers::add);
    for (ProviderKind kind : kinds) {
      List<Account> own =
          accounts.stream().filter(a -> kind.authFileTypes().contains(a.provider())).toList();
      providers.addAll(kind.providers(config, own));
    }
    return new RuntimeSnapshot(config, providers, now);
  }

  /** The command that logs in an account of an auth-file type again, for error messages. */
  String loginHint(String authFileType) {
    return "./cli-proxy-api --" + authFileType + "-login";
  }
}
