package dev.cliproxy.provider.antigravity;

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
 * Google accounts signed in as Antigravity ({@code antigravity-*.json} files of type {@code
 * antigravity}), served through Antigravity's Code Assist; the {@code endpoints.antigravity}
 * overrides; {@code --antigravity-login}.
 */
public final class AntigravityKind implements ProviderKind {
  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY.withEndpoints(AntigravityEndpoints.PROVIDER, AntigravityEndpoints.NAMES);

  private final Clock clock;
  private final List<LoginFlag> logins;

  public AntigravityKind() {
    this(AntigravityLoginCommand.system(), Clock.systemDefaultZone());
  }

  /** A kind whose login uses this command (a test's browser, port and onboarding pace). */
  public AntigravityKind(AntigravityLoginCommand login, Clock clock) {
    this.clock = clock;
    this.logins = List.of(login.flag());
  }

  @Override
  public String name() {
    return AntigravityProvider.KEY;
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
    return Set.of(AntigravityAuthFile.TYPE);
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    return AntigravityProvider.forAccounts(config, accounts)
        .<List<Provider>>map(List::of)
        .orElse(List.of());
  }

  @Override
  public Optional<TokenRefresher> refresher(Config config) {
    return Optional.of(
        new AntigravityTokenRefresher(AntigravityEndpoints.of(config.endpoints()), clock));
  }
}
