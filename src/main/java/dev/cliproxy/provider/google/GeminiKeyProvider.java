package dev.cliproxy.provider.google;

import dev.cliproxy.auth.AuthIndex;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Google API key from the config in front of a plain Gemini {@code models} resource ({@link
 * GeminiModelsApi}): a {@code gemini-api-key} entry (generativelanguage) or a {@code
 * vertex-api-key} entry (Vertex AI). The key goes in {@code x-goog-api-key}, never in the address;
 * the entry's headers, proxy, models with aliases (else {@link GeminiModels#API}) and excluded
 * models apply.
 */
public final class GeminiKeyProvider implements Provider {
  private static final String OWNED_BY = "google";
  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new GeminiCodec(), GeminiApiFailures.INSTANCE);

  private final String key;
  private final GeminiModelsApi api;
  private final Credential credential;
  private final List<ModelOffer> models;

  private GeminiKeyProvider(
      String key, GeminiModelsApi api, Credential credential, List<ModelOffer> models) {
    this.key = key;
    this.api = api;
    this.credential = credential;
    this.models = List.copyOf(models);
  }

  /**
   * Where a kind's keys go and what they are called.
   *
   * @param provider the provider key, e.g. {@code gemini}
   * @param section the config section, for labels, e.g. {@code gemini-api-key}
   * @param defaultBase the base URL for entries that name none
   * @param modelsPath the models collection under the base, e.g. {@code /v1beta/models}
   * @param countShape how its counting endpoint takes a request
   */
  public record Upstream(
      String provider,
      String section,
      String defaultBase,
      String modelsPath,
      GeminiModelsApi.CountShape countShape) {}

  /**
   * The provider for one key.
   *
   * @param ids numbers entries that are exact duplicates
   */
  public static GeminiKeyProvider of(ProviderKey key, Upstream upstream, CredentialIds ids) {
    String base = key.baseUrl().orElse(upstream.defaultBase());
    String provider = upstream.provider();
    ModelPatterns excluded = new ModelPatterns(key.excludedModels());
    Credential credential =
        new Credential(
            ids.next(
                provider, key.apiKey(), base, key.proxyUrl().map(ProxyUrl::toString).orElse("")),
            provider,
            upstream.section() + " for " + trimSlash(base),
            new Secret.ApiKey(key.apiKey()),
            key.proxyUrl(),
            excluded,
            key.credentialGroup(),
            AuthIndex.forApiKey(upstream.section(), key.baseUrl().orElse(""), key.apiKey()));
    GeminiModelsApi api =
        new GeminiModelsApi(
            trimSlash(base) + upstream.modelsPath(),
            Map.entry("x-goog-api-key", key.apiKey()),
            key.headers(),
            upstream.countShape());
    return new GeminiKeyProvider(provider, api, credential, offers(key, excluded));
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
    return key;
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
