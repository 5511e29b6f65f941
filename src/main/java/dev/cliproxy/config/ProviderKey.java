package dev.cliproxy.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API key of a first-party provider ({@code codex-api-key}, {@code claude-api-key}), as {@link
 * ProviderKeySection} reads it.
 *
 * @param apiKey the key
 * @param baseUrl the API base URL when not the provider's default
 * @param proxyUrl outbound proxy for this key, overriding the global one
 * @param headers extra headers sent upstream, applied last
 * @param models when non-empty, the only models this key serves, with aliases
 * @param excludedModels model patterns this key must not serve
 * @param credentialGroup {@code credential-group}: the group of credentials this key belongs to,
 *     empty for none
 */
public record ProviderKey(
    String apiKey,
    Optional<String> baseUrl,
    Optional<ProxyUrl> proxyUrl,
    Map<String, String> headers,
    List<ModelAlias> models,
    List<String> excludedModels,
    String credentialGroup) {

  /** A key in no credential group. */
  public ProviderKey(
      String apiKey,
      Optional<String> baseUrl,
      Optional<ProxyUrl> proxyUrl,
      Map<String, String> headers,
      List<ModelAlias> models,
      List<String> excludedModels) {
    this(apiKey, baseUrl, proxyUrl, headers, models, excludedModels, "");
  }

  public ProviderKey {
    headers = Map.copyOf(headers);
    models = List.copyOf(models);
    excludedModels = List.copyOf(excludedModels);
  }

  @Override
  public String toString() {
    return "ProviderKey[apiKey=<redacted>, baseUrl=" + baseUrl.orElse("(default)") + "]";
  }
}
