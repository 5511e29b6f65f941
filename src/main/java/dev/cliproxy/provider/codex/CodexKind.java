package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ProviderKey;
import dev.cliproxy.config.ProviderKeySection;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.LoginFlag;
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
 * "type":"codex"}) and {@code codex-api-key} entries, all served by {@link CodexProvider}; the
 * {@code endpoints.codex} overrides; {@code --codex-login} and {@code --codex-device-login}.
 */
public final class CodexKind implements ProviderKind {
  /** The auth file type and provider key. */
  public static final String TYPE = "codex";

  /** The {@code codex-api-key} list. */
  public static final ConfigSection<List<ProviderKey>> API_KEYS =
      ProviderKeySection.named("codex-api-key");

  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY.withSection(API_KEYS).withEndpoints(TYPE, CodexEndpoints.NAMES);

  private final CodexModels models = CodexModels.builtIn();
  private final List<LoginFlag> logins = CodexLoginCommand.system().flags();

  @Override
  public String name() {
    return TYPE;
  }

  @Override
  public ConfigSchema configSchema() {
    return CONFIG;
  }

  @Override
  public List<LoginFlag> logins() {
    return logins;
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
    for (ProviderKey key : config.section(API_KEYS)) {
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
