package dev.cliproxy.provider.vertex;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ProviderKey;
import dev.cliproxy.config.ProviderKeySection;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import dev.cliproxy.provider.google.GeminiKeyProvider;
import dev.cliproxy.provider.google.GeminiModelsApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Vertex AI: service accounts in auth files of type {@code vertex} ({@code --vertex-import FILE}
 * adds them), served with tokens minted from their keys, and {@code vertex-api-key} entries (API
 * keys for Vertex, {@code <base>/v1/publishers/google/models/M:…} with {@code x-goog-api-key});
 * {@code endpoints.vertex.api} replaces the host of both.
 */
public final class VertexKind implements ProviderKind {
  /** The import of a service-account key, {@code --vertex-import FILE [--location REGION]}. */
  public static final String IMPORT_FLAG = VertexImport.FLAG;

  /** The {@code vertex-api-key} list. */
  public static final ConfigSection<List<ProviderKey>> API_KEYS =
      ProviderKeySection.named("vertex-api-key");

  /** Where Vertex API keys go without a base URL of their own. */
  static final String KEY_BASE = "https://aiplatform.googleapis.com";

  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY
          .withSection(API_KEYS)
          .withEndpoints(VertexEndpoints.PROVIDER, VertexEndpoints.NAMES);

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
    VertexEndpoints endpoints = VertexEndpoints.of(config.endpoints());
    List<Provider> out = new ArrayList<>();
    if (!accounts.isEmpty()) {
      out.add(
          new VertexProvider(
              accounts,
              new ModelPatterns(config.oauthExcludedModels(VertexProvider.KEY)),
              endpoints,
              tokens));
    }
    GeminiKeyProvider.Upstream upstream =
        new GeminiKeyProvider.Upstream(
            VertexProvider.KEY,
            API_KEYS.key(),
            endpoints.api().orElse(KEY_BASE),
            "/v1/publishers/google/models",
            GeminiModelsApi.CountShape.FLAT);
    CredentialIds ids = new CredentialIds();
    for (ProviderKey key : config.section(API_KEYS)) {
      out.add(GeminiKeyProvider.of(key, upstream, ids));
    }
    return out;
  }
}
