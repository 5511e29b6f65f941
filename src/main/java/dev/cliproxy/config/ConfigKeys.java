package dev.cliproxy.config;

import java.util.Set;

/**
 * The vocabulary of {@code config.yaml} for the mappings the core reads: the keys this version
 * reads and the CLIProxyAPI keys it knows of but does not read yet (from the Ref snapshot, the head
 * snapshot and head's {@code config.example.yaml}). Provider kinds add their own top-level sections
 * and endpoint names through {@link ConfigSchema}.
 */
final class ConfigKeys {

  /** The top-level keys {@link Config} reads itself; a kind's section cannot take one of them. */
  static final Set<String> CORE =
      Set.of(
          "host",
          "port",
          "tls",
          "auth-dir",
          "api-keys",
          "model-prices",
          "debug",
          "logging-to-file",
          "proxy-url",
          "request-retry",
          "max-retry-interval",
          "max-body-size-mb",
          "oauth-excluded-models",
          "payload",
          "endpoints");

  /**
   * CLIProxyAPI's other top-level keys; a key a provider kind reads is taken out of this list by
   * {@link ConfigSchema#topLevel}.
   */
  static final Set<String> RECOGNISED_TOP_LEVEL =
      Set.of(
          // read by the shipped provider kinds
          "openai-compatibility",
          "codex-api-key",
          "claude-api-key",
          // read by the Amp module (dev.cliproxy.amp.AmpSettings)
          "amp-upstream-url",
          "amp-upstream-api-key",
          "amp-restrict-management-to-localhost",
          "amp-model-mappings",
          "ampcode",
          // Ref (2025-12)
          "remote-management",
          "usage-statistics-enabled",
          "disable-cooling",
          "quota-exceeded",
          "ws-auth",
          "request-log",
          "gemini-api-key",
          "generative-language-api-key",
          "auth",
          // head
          "pprof",
          "plugins",
          "commercial-mode",
          "logs-max-total-size-mb",
          "error-logs-max-files",
          "redis-usage-queue-retention-seconds",
          "force-model-prefix",
          "passthrough-headers",
          "max-retry-credentials",
          "save-cooldown-status",
          "transient-error-cooldown-seconds",
          "disable-claude-cloak-mode",
          "claude-code",
          "disable-image-generation",
          "video-result-auth-cache-ttl",
          "routing",
          "codex",
          "xai",
          "nonstream-keepalive-interval",
          "streaming",
          "interactions-api-key",
          "xai-api-key",
          "vertex-api-key",
          "oauth-model-alias",
          "oauth-request-scoped-errors",
          "claude-header-defaults",
          "codex-header-defaults",
          // head's config.example.yaml, commented out there
          "antigravity",
          "antigravity-signature-cache-enabled",
          "antigravity-signature-bypass-strict",
          "gpt-image-2-base-model",
          "auth-auto-refresh-workers",
          "credential-concurrency",
          "credential-in-flight");

  static final KeySchema TLS = new KeySchema(Set.of("enable", "cert", "key"), Set.of());

  static final KeySchema MODEL =
      new KeySchema(
          Set.of("name", "alias"),
          Set.of(
              "display-name",
              "max-context-length",
              "image",
              "input-modalities",
              "output-modalities",
              "is-compat",
              "thinking",
              "force-mapping"));

  static final KeySchema PROVIDER_KEY =
      new KeySchema(
          Set.of(
              "api-key",
              "base-url",
              "proxy-url",
              "headers",
              "models",
              "excluded-models",
              "credential-group",
              "disabled"),
          Set.of("prefix", "priority", "weight", "websockets", "cloak"));

  static final KeySchema PAYLOAD = new KeySchema(Set.of("default", "override"), Set.of("filter"));

  static final KeySchema PAYLOAD_RULE = new KeySchema(Set.of("models", "params"), Set.of());

  static final KeySchema PAYLOAD_MODEL = new KeySchema(Set.of("name", "protocol"), Set.of());

  /**
   * Providers whose {@code endpoints} CLIProxyAPI defines but no provider kind of this version
   * reads yet; a kind that names endpoints for one of them takes it out ({@link
   * ConfigSchema#endpointProviders}).
   */
  static final Set<String> RECOGNISED_ENDPOINT_PROVIDERS = Set.of("gemini-cli");

  private ConfigKeys() {}
}
