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
 * @param debug debug logging
 * @param loggingToFile write rotating log files under {@code logs/} instead of the console
 * @param proxyUrl global outbound proxy for upstream calls, empty for none
 * @param requestRetry extra rounds over all credentials after every one has failed
 * @param maxRetryIntervalSeconds longest wait for a cooling credential before another round
 * @param maxBodyBytes largest request body accepted from a client
 * @param openaiCompatibility OpenAI-compatible upstreams, in file order
 */
public record Config(
    String host,
    int port,
    Tls tls,
    Path authDir,
    List<String> apiKeys,
    boolean debug,
    boolean loggingToFile,
    Optional<ProxyUrl> proxyUrl,
    int requestRetry,
    int maxRetryIntervalSeconds,
    long maxBodyBytes,
    List<OpenAiCompatibility> openaiCompatibility) {

  public static final int DEFAULT_PORT = 8317;
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

  public Config {
    apiKeys = List.copyOf(apiKeys);
    openaiCompatibility = List.copyOf(openaiCompatibility);
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
   * One {@code openai-compatibility} entry: an upstream that speaks OpenAI Chat Completions.
   *
   * @param name display name; its lowercase form is the provider key
   * @param baseUrl base URL without trailing slash, e.g. {@code https://openrouter.ai/api/v1}
   * @param headers extra headers sent upstream with every request (trimmed, none empty)
   * @param apiKeyEntries keys to rotate over; the legacy {@code api-keys} list is merged in here;
   *     empty means the upstream needs no key
   * @param models models offered to clients, each with an optional alias
   */
  public record OpenAiCompatibility(
      String name,
      String baseUrl,
      Map<String, String> headers,
      List<ApiKeyEntry> apiKeyEntries,
      List<ModelAlias> models) {
    public OpenAiCompatibility {
      headers = Map.copyOf(headers);
      apiKeyEntries = List.copyOf(apiKeyEntries);
      models = List.copyOf(models);
    }
  }

  /** An upstream API key with its own optional outbound proxy. */
  public record ApiKeyEntry(String apiKey, Optional<ProxyUrl> proxyUrl) {
    @Override
    public String toString() {
      return "ApiKeyEntry[apiKey=<redacted>, proxyUrl=" + proxyUrl + "]";
    }
  }

  /**
   * A model offered by an upstream.
   *
   * @param name the upstream's model name
   * @param alias the name clients use; empty means clients use {@code name}
   */
  public record ModelAlias(String name, String alias) {
    /** The name clients ask for. */
    public String clientName() {
      return alias.isEmpty() ? name : alias;
    }
  }
}
