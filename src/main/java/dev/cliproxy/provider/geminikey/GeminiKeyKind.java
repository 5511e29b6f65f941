package dev.cliproxy.provider.geminikey;

import dev.cliproxy.auth.Account;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ProviderKey;
import dev.cliproxy.config.ProviderKeySection;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import dev.cliproxy.provider.google.GeminiKeyProvider;
import dev.cliproxy.provider.google.GeminiModelsApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini API keys for generativelanguage: the {@code gemini-api-key} entries and the legacy {@code
 * generative-language-api-key} strings (appended after them, a key already listed skipped); {@code
 * endpoints.gemini.api} replaces the default base for entries without a {@code base-url}.
 */
public final class GeminiKeyKind implements ProviderKind {
  /** The {@code gemini-api-key} list. */
  public static final ConfigSection<List<ProviderKey>> API_KEYS =
      ProviderKeySection.named("gemini-api-key");

  /** The legacy {@code generative-language-api-key} list of plain keys. */
  public static final ConfigSection<List<String>> LEGACY_KEYS = LegacyGeminiKeys.SECTION;

  /** The provider key, as in logs and {@code endpoints.gemini}. */
  public static final String KEY = "gemini";

  /** The Google AI API. */
  public static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";

  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY
          .withSection(API_KEYS)
          .withSection(LEGACY_KEYS)
          .withEndpoints(KEY, Set.of("api"));

  @Override
  public String name() {
    return KEY;
  }

  @Override
  public ConfigSchema configSchema() {
    return CONFIG;
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    GeminiKeyProvider.Upstream upstream =
        new GeminiKeyProvider.Upstream(
            KEY,
            API_KEYS.key(),
            config.endpoints().url(KEY, "api", DEFAULT_BASE),
            "/v1beta/models",
            GeminiModelsApi.CountShape.WRAPPED);
    CredentialIds ids = new CredentialIds();
    List<Provider> out = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (ProviderKey key : config.section(API_KEYS)) {
      listed.add(key.apiKey());
      out.add(GeminiKeyProvider.of(key, upstream, ids));
    }
    for (String legacy : config.section(LEGACY_KEYS)) {
      if (listed.add(legacy)) {
        ProviderKey key =
            new ProviderKey(
                legacy, Optional.empty(), Optional.empty(), Map.of(), List.of(), List.of());
        out.add(GeminiKeyProvider.of(key, upstream, ids));
      }
    }
    return out;
  }
}
