package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.config.Config;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Codex as a provider type: ChatGPT accounts from {@code codex-*.json} auth files ({@code
 * "type":"codex"}) and {@code codex-api-key} entries, all served by {@link CodexProvider}.
 */
public final class CodexKind implements ProviderKind {
  /** The auth file type and provider key. */
  public static final String TYPE = "codex";

  private final CodexModels models = CodexModels.builtIn();

  @Override
  public String name() {
    return TYPE;
  }

  @Override
  public Set<String> authFileTypes() {
    return Set.of(TYPE);
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    List<Provider> providers = new ArrayList<>();
    if (!accounts.isEmpty()) {
      providers.add(CodexProvider.forAccounts(config, accounts, models, UUID::randomUUID));
    }
    CredentialIds ids = new CredentialIds();
    for (Config.ProviderKey key : config.codexApiKeys()) {
      providers.add(CodexProvider.forApiKey(config, key, ids, models, UUID::randomUUID));
    }
    return List.copyOf(providers);
  }

  @Override
  public Optional<TokenRefresher> refresher(Config config) {
    return Optional.of(
        new CodexTokenRefresher(
            CodexEndpoints.from(config.endpoints()), Clock.systemDefaultZone()));
  }
}
