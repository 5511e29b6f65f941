package dev.cliproxy.provider.geminikey;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.Secret;
import dev.cliproxy.config.ProviderKey;
import dev.cliproxy.config.ProxyUrl;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.google.GeminiApiFailures;
import dev.cliproxy.provider.google.GeminiModels;
import dev.cliproxy.provider.google.GeminiModelsApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Gemini API key ({@code gemini-api-key} entry, or a legacy {@code
 * generative-language-api-key}) in front of generativelanguage: {@code
 * <base>/v1beta/models/M:generateContent} and its siblings, the key in {@code x-goog-api-key}
 * (never in the address), the entry's headers, proxy, models with aliases (else {@link
 * GeminiModels#API}) and excluded models.
 */
final class GeminiKeyProvider implements Provider {
  /** The provider key, as in logs and {@code endpoints.gemini}. */
  static final String KEY = "gemini";

  private static final String OWNED_BY = "google";
  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new GeminiCodec(), GeminiApiFailures.INSTANCE);

  private final GeminiModelsApi api;
  private final Credential credential;
  private final List<ModelOffer> models;

  private GeminiKeyProvider(GeminiModelsApi api, Credential credential, List<ModelOffer> models) {
    this.api = api;
    this.credential = credential;
    this.models = List.copyOf(models);
  }

  /**
   * The provider for one key.
   *
   * @param defaultBase the generativelanguage base when the entry names none
   * @param ids numbers entries that are exact duplicates
   */
  static GeminiKeyProvider of(ProviderKey key, String defaultBase, CredentialIds ids) {
    String base = key.baseUrl().orElse(defaultBase);
    ModelPatterns excluded = new ModelPatterns(key.excludedModels());
    Credential credential =
        new Credential(
            ids.next(KEY, key.apiKey(), base, key.proxyUrl().map(ProxyUrl::toString).orElse("")),
            KEY,
            "gemini-api-key " + key.baseUrl().map(b -> "for " + b).orElse("(Google AI)"),
            new Secret.ApiKey(key.apiKey()),
            key.proxyUrl(),
            excluded);
    GeminiModelsApi api =
        new GeminiModelsApi(
            trimSlash(base) + "/v1beta/models",
            Map.entry("x-goog-api-key", key.apiKey()),
            key.headers(),
            GeminiModelsApi.CountShape.WRAPPED);
    return new GeminiKeyProvider(api, credential, offers(key, excluded));
  }

  private static List<ModelOffer> offers(ProviderKey key, ModelPatterns excluded) {
    List<String[]> names =
        key.models().isEmpty()
            ? GeminiModels.API.stream().map(n -> new String[] {n, n}).toList()
            : key.models().stream().map(m -> new String[] {m.clientName(), m.name()}).toList();
    List<ModelOffer> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String[] pair : names) {
      if (!excluded.matches(pair[0])
          && !excluded.matches(pair[1])
          && seen.add(pair[0].toLowerCase(Locale.ROOT))) {
        out.add(new ModelOffer(pair[0], pair[1], OWNED_BY));
      }
    }
    return out;
  }

  private static String trimSlash(String url) {
    String out = url.trim();
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public List<Credential> credentials() {
    return List.of(credential);
  }

  @Override
  public List<ModelOffer> models() {
    return models;
  }

  @Override
  public UpstreamProtocol protocol() {
    return PROTOCOL;
  }

  @Override
  public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
    return api.generate(call);
  }

  @Override
  public Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    return Optional.of(api.countTokens(call));
  }

  @Override
  public String toString() {
    return "GeminiKeyProvider[" + credential.label() + "]";
  }
}
