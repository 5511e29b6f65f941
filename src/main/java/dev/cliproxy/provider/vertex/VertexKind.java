package dev.cliproxy.provider.vertex;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Vertex AI service accounts: auth files of type {@code vertex} ({@code --vertex-import FILE} adds
 * them), served with tokens minted from their keys; {@code endpoints.vertex.api} replaces the
 * regional host.
 */
public final class VertexKind implements ProviderKind {
  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY.withEndpoints(VertexEndpoints.PROVIDER, VertexEndpoints.NAMES);

  private final VertexTokens tokens;
  private final List<LoginFlag> logins = List.of(VertexImport.flag());

  public VertexKind() {
    this(Clock.systemUTC());
  }

  /** A kind whose token cache reads this clock (tests move it past a token's expiry). */
  public VertexKind(Clock clock) {
    this.tokens = new VertexTokens(TokenExchange.standalone(), clock);
  }

  @Override
  public String name() {
    return VertexProvider.KEY;
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
    return Set.of(VertexAccount.TYPE);
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    if (accounts.isEmpty()) {
      return List.of();
    }
    return List.of(
        new VertexProvider(
            accounts,
            new ModelPatterns(config.oauthExcludedModels(VertexProvider.KEY)),
            VertexEndpoints.of(config.endpoints()),
            tokens));
  }
}
