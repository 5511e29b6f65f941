package dev.cliproxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable, validated snapshot of {@code config.yaml}; a reload builds a new one.
 *
 * @param host bind address from {@code host}; empty when the key is absent (see {@link #bindHost})
 * @param port listen port, default 8317
 * @param tls HTTPS settings
 * @param authDir credential directory, {@code ~} expanded, absolute
 * @param apiKeys client keys accepted by the proxy; empty means no client authentication
 * @param keyPolicies each client key's policy, in the order of {@code apiKeys}
 * @param modelPrices {@code model-prices}: the user's prices, tried before the bundled table
 * @param debug debug logging
 * @param loggingToFile write rotating log files under {@code logs/} instead of the console
 * @param proxyUrl global outbound proxy for upstream calls, empty for none
 * @param requestRetry extra rounds over all credentials after every one has failed
 * @param maxRetryIntervalSeconds longest wait for a cooling credential before another round
 * @param maxBodyBytes largest request body accepted from a client
 * @param oauthExcludedModels per provider type, model patterns auth-file credentials must not serve
 * @param payload request field rules
 * @param endpoints overrides of built-in upstream and OAuth URLs
 * @param sections the provider kinds' own top-level sections (see {@link #section})
 */
public record Config(
    String host,
    int port,
    Tls tls,
    Path authDir,
    List<String> apiKeys,
    List<ClientKeyPolicy> keyPolicies,
    List<ModelPrice> modelPrices,
    boolean debug,
    boolean loggingToFile,
    Optional<ProxyUrl> proxyUrl,
    int requestRetry,
    int maxRetryIntervalSeconds,
    long maxBodyBytes,
    Map<String, List<String>> oauthExcludedModels,
    Payload payload,
    Endpoints endpoints,
    SectionValues sections) {

  public static final int DEFAULT_PORT = 8317;
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

  public Config {
    apiKeys = List.copyOf(apiKeys);
    keyPolicies = List.copyOf(keyPolicies);
    modelPrices = List.copyOf(modelPrices);
    oauthExcludedModels = Map.copyOf(oauthExcludedModels);
  }

  /**
   * The value of a provider kind's section, e.g. {@code config.section(CodexKind.API_KEYS)}; its
   * absent value when the file does not have it or it was read without that section.
   */
  public <T> T section(ConfigSection<T> section) {
    return sections.get(section);
  }

  /** Model patterns that auth-file credentials of a provider type must not serve. */
  public List<String> oauthExcludedModels(String providerType) {
    return oauthExcludedModels.getOrDefault(providerType, List.of());
  }

  /**
   * The address to listen on: the configured {@code host} if present; otherwise all interfaces when
   * client keys protect the proxy, and loopback only when nothing does.
   */
  public String bindHost() {
    if (!host.isEmpty()) {
      return host;
    }
    return apiKeys.isEmpty() ? "127.0.0.1" : "0.0.0.0";
  }

  /** HTTPS listener settings; {@code cert} and {@code key} are PEM files. */
  public record Tls(boolean enable, Optional<Path> cert, Optional<Path> key) {
    public static final Tls DISABLED = new Tls(false, Optional.empty(), Optional.empty());
  }

  /**
   * The {@code payload} rules.
   *
   * @param defaults set a field only when the request lacks it; the first matching rule wins
   * @param overrides always set a field; the last matching rule wins
   */
  public record Payload(List<PayloadRule> defaults, List<PayloadRule> overrides) {
    public static final Payload NONE = new Payload(List.of(), List.of());

    public Payload {
      defaults = List.copyOf(defaults);
      overrides = List.copyOf(overrides);
    }

    public boolean isEmpty() {
      return defaults.isEmpty() && overrides.isEmpty();
    }
  }

  /**
   * One payload rule: the fields to set, for requests to the models it names.
   *
   * @param models which models (and protocols) the rule applies to
   * @param params dotted JSON path to value, in file order
   */
  public record PayloadRule(
      List<ModelMatch> models, Map<String, com.fasterxml.jackson.databind.JsonNode> params) {
    public PayloadRule {
      models = List.copyOf(models);
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /**
     * A model name pattern ({@code *} wildcards, case-sensitive) and an optional protocol.
     *
     * @param protocol {@code openai}, {@code codex}, {@code claude}, {@code gemini}, or empty for
     *     any
     */
    public record ModelMatch(String name, String protocol) {}
  }

  /**
   * Replacement URLs for built-in upstream and OAuth endpoints, per provider type and endpoint name
   * (e.g. {@code codex} / {@code api}).
   */
  public record Endpoints(Map<String, Map<String, String>> byProvider) {
    public static final Endpoints DEFAULTS = new Endpoints(Map.of());

    public Endpoints {
      Map<String, Map<String, String>> copy = new java.util.LinkedHashMap<>();
      byProvider.forEach((provider, urls) -> copy.put(provider, Map.copyOf(urls)));
      byProvider = Map.copyOf(copy);
    }

    /** The configured URL for an endpoint, or {@code builtIn}; no trailing slash either way. */
    public String url(String provider, String name, String builtIn) {
      return byProvider.getOrDefault(provider, Map.of()).getOrDefault(name, builtIn);
    }
  }
}
