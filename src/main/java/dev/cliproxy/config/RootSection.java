package dev.cliproxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Maps the top-level mapping of {@code config.yaml} onto a {@link Config}: the core keys, and the
 * provider kinds' sections of the {@link ConfigSchema}.
 */
final class RootSection {

  static final String DEFAULT_AUTH_DIR = "~/.cli-proxy-api";
  private static final int MAX_PORT = 65_535;

  private RootSection() {}

  static Config read(ConfigValue root, LoadContext context, ConfigSchema schema) {
    if (!root.isAbsent() && !root.node().isObject()) {
      throw root.fail("the file must be a mapping of keys to values (like 'port: 8317')");
    }
    schema.topLevel().check(root, context);
    String host = root.field("host").text("");
    int port = root.field("port").integer(Config.DEFAULT_PORT, 1, MAX_PORT);
    Config.Tls tls = TlsSection.read(root.field("tls"), context);
    Path authDir = authDir(root.field("auth-dir"), context);
    List<ClientKeyPolicy> keyPolicies = ClientKeySection.read(root.field("api-keys"), context);
    List<ModelPrice> modelPrices = ModelPriceSection.read(root.field("model-prices"), context);
    boolean debug = root.field("debug").bool(false);
    boolean loggingToFile = root.field("logging-to-file").bool(false);
    Optional<ProxyUrl> proxyUrl = context.proxyUrl(root.field("proxy-url"));
    int requestRetry = root.field("request-retry").integer(0, 0, Integer.MAX_VALUE);
    int maxRetryInterval = root.field("max-retry-interval").integer(0, 0, Integer.MAX_VALUE);
    long maxBodyBytes = maxBodyBytes(root.field("max-body-size-mb"));
    // The kinds' sections are read here, before the keys below, so that warnings keep the order
    // they had when openai-compatibility and the API key lists were core keys.
    SectionValues sections = SectionValues.NONE;
    for (ConfigSection<?> section : schema.sections()) {
      sections = withRead(sections, section, root, context);
    }
    Config config =
        new Config(
            host,
            port,
            tls,
            authDir,
            keyPolicies.stream().map(ClientKeyPolicy::key).toList(),
            keyPolicies,
            modelPrices,
            debug,
            loggingToFile,
            proxyUrl,
            requestRetry,
            maxRetryInterval,
            maxBodyBytes,
            OAuthExcludedModelsSection.read(root.field("oauth-excluded-models")),
            PayloadSection.read(root.field("payload"), context),
            EndpointsSection.read(root.field("endpoints"), context, schema),
            sections);
    for (ConfigCheck check : schema.checks()) {
      check.warnings(config).forEach(context::warn);
    }
    return config;
  }

  private static <T> SectionValues withRead(
      SectionValues sections, ConfigSection<T> section, ConfigValue root, LoadContext context) {
    return sections.with(section, section.read(root.field(section.key()), context));
  }

  private static Path authDir(ConfigValue value, LoadContext context) {
    String text = value.text("");
    return context.path(value, text.isEmpty() ? DEFAULT_AUTH_DIR : text);
  }

  private static long maxBodyBytes(ConfigValue value) {
    if (value.isAbsent()) {
      return Config.DEFAULT_MAX_BODY_BYTES;
    }
    return value.integer(0, 1, Integer.MAX_VALUE) * 1024L * 1024L;
  }
}
