package dev.cliproxy.provider.geminicli;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Google accounts signed in as Gemini CLI ({@code gemini-*.json} files of type {@code gemini}),
 * served through Code Assist; the {@code endpoints.gemini-cli} overrides; {@code --login} with
 * {@code --project_id}.
 */
public final class GeminiCliKind implements ProviderKind {
  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY.withEndpoints(GeminiCliEndpoints.PROVIDER, GeminiCliEndpoints.NAMES);

  private final Clock clock;
  private final List<LoginFlag> logins;

  public GeminiCliKind() {
    this(GeminiCliLoginCommand.system(), Clock.systemDefaultZone());
  }

  /** A kind whose login uses this command (a test's browser, port and onboarding pace). */
  public GeminiCliKind(GeminiCliLoginCommand login, Clock clock) {
    this.clock = clock;
    this.logins = List.of(login.flag());
  }

  @Override
  public String name() {
    return GeminiCliProvider.KEY;
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
    return Set.of(GeminiCliProvider.KEY);
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    return GeminiCliProvider.forAccounts(config, accounts)
        .<List<Provider>>map(List::of)
        .orElse(List.of());
  }

  @Override
  public Optional<TokenRefresher> refresher(Config config) {
    return Optional.of(
        new GeminiCliTokenRefresher(GeminiCliEndpoints.of(config.endpoints()), clock));
  }
}
