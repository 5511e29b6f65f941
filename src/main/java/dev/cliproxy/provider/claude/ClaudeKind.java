package dev.cliproxy.provider.claude;

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

/**
 * Claude subscriptions ({@code claude-*.json} files of type {@code claude}) and {@code
 * claude-api-key} entries; the {@code endpoints.claude} overrides; {@code --claude-login}.
 */
public final class ClaudeKind implements ProviderKind {
  /** The {@code claude-api-key} list. */
  public static final ConfigSection<List<ProviderKey>> API_KEYS =
      ProviderKeySection.named("claude-api-key");

  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY
          .withSection(API_KEYS)
          .withEndpoints(ClaudeEndpoints.PROVIDER, ClaudeEndpoints.NAMES);

  private final ClaudeModels catalog;
  private final Clock clock;
  private final List<LoginFlag> logins;

  public ClaudeKind() {
    this(ClaudeLoginCommand.system());
  }

  /** The kind with another login command (a test's browser opener and callback port). */
  public ClaudeKind(ClaudeLoginCommand login) {
    this(ClaudeModels.builtIn(), Clock.systemDefaultZone(), login);
  }

  ClaudeKind(ClaudeModels catalog, Clock clock) {
    this(catalog, clock, ClaudeLoginCommand.system());
  }

  private ClaudeKind(ClaudeModels catalog, Clock clock, ClaudeLoginCommand login) {
    this.catalog = catalog;
    this.clock = clock;
    this.logins = List.of(login.flag());
  }

  @Override
  public String name() {
    return ClaudeProvider.KEY;
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
    return Set.of(ClaudeProvider.KEY);
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    List<Provider> out = new ArrayList<>();
    if (!accounts.isEmpty()) {
      out.add(ClaudeProvider.forAccounts(config, accounts, catalog));
    }
    ClaudeEndpoints endpoints = ClaudeEndpoints.of(config.endpoints());
    CredentialIds ids = new CredentialIds();
    for (ProviderKey key : config.section(API_KEYS)) {
      out.add(ClaudeProvider.forKey(key, endpoints, catalog, ids));
    }
    return out;
  }

  @Override
  public Optional<TokenRefresher> refresher(Config config) {
    return Optional.of(new ClaudeTokenRefresher(ClaudeEndpoints.of(config.endpoints()), clock));
  }
}
