package dev.cliproxy.config;

import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of {@code config.yaml}: for each kind of mapping, the keys this version reads and
 * the CLIProxyAPI keys it knows of but does not read yet (from the Ref snapshot, the head snapshot
 * and head's {@code config.example.yaml}).
 */
final class ConfigKeys {

  static final KeySchema TOP_LEVEL =
      new KeySchema(
          Set.of(
              "host",
              "port",
              "tls",
              "auth-dir",
              "api-keys",
              "debug",
              "logging-to-file",
              "proxy-url",
              "request-retry",
              "max-retry-interval",
              "max-body-size-mb",
              "openai-compatibility",
              "codex-api-key",
              "claude-api-key",
              "oauth-excluded-models",
              "payload",
              "endpoints"),
          Set.of(
              // Ref (2025-12)
              "remote-management",
              "usage-statistics-enabled",
              "disable-cooling",
              "quota-exceeded",
              "ws-auth",
              "request-log",
              "amp-upstream-url",
              "amp-upstream-api-key",
              "amp-restrict-management-to-localhost",
              "amp-model-mappings",
              "ampcode",
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
              "credential-in-flight"));

  static final KeySchema TLS = new KeySchema(Set.of("enable", "cert", "key"), Set.of());

  static final KeySchema OPENAI_COMPATIBILITY =
      new KeySchema(
          Set.of(
              "name", "base-url", "headers", "api-key-entries", "api-keys", "models", "disabled"),
          Set.of(
              "prefix",
              "support-prompt-cache-key",
              "disable-cooling",
              "request-retry",
              "request-scoped-errors"));

  static final KeySchema API_KEY_ENTRY =
      new KeySchema(Set.of("api-key", "proxy-url"), Set.of("weight"));

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
              "disabled"),
          Set.of("prefix", "priority", "weight", "websockets", "cloak"));

  static final KeySchema PAYLOAD = new KeySchema(Set.of("default", "override"), Set.of("filter"));

  static final KeySchema PAYLOAD_RULE = new KeySchema(Set.of("models", "params"), Set.of());

  static final KeySchema PAYLOAD_MODEL = new KeySchema(Set.of("name", "protocol"), Set.of());

  /**
   * The endpoint names each provider type lets {@code endpoints} replace. A provider reads its
   * entries through {@link Config.Endpoints#url}.
   */
  static final Map<String, KeySchema> ENDPOINTS =
      Map.of(
          "codex", new KeySchema(Set.of("api", "auth"), Set.of()),
          "claude", new KeySchema(Set.of("api", "authorize", "token"), Set.of()),
          "gemini-cli", new KeySchema(Set.of("api", "authorize", "token"), Set.of()));

  static final KeySchema ENDPOINT_PROVIDERS = new KeySchema(ENDPOINTS.keySet(), Set.of());

  private ConfigKeys() {}
}
