package dev.cliproxy.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Maps the top-level mapping of {@code config.yaml} onto a {@link Config}. */
final class RootSection {

  static final String DEFAULT_AUTH_DIR = "~/.cli-proxy-api";
  private static final int MAX_PORT = 65_535;

  private RootSection() {}

  static Config read(ConfigValue root, LoadContext context) {
    if (!root.isAbsent() && !root.node().isObject()) {
      throw root.fail("the file must be a mapping of keys to values (like 'port: 8317')");
    }
    ConfigKeys.TOP_LEVEL.check(root, context.warnings());
    return new Config(
        root.field("host").text(""),
        root.field("port").integer(Config.DEFAULT_PORT, 1, MAX_PORT),
        TlsSection.read(root.field("tls"), context),
        authDir(root.field("auth-dir"), context),
        apiKeys(root.field("api-keys")),
        root.field("debug").bool(false),
        root.field("logging-to-file").bool(false),
        context.proxyUrl(root.field("proxy-url")),
        root.field("request-retry").integer(0, 0, Integer.MAX_VALUE),
        root.field("max-retry-interval").integer(0, 0, Integer.MAX_VALUE),
        maxBodyBytes(root.field("max-body-size-mb")),
        OpenAiCompatibilitySection.read(root.field("openai-compatibility"), context),
        ProviderKeySection.read(root.field("codex-api-key"), context),
        ProviderKeySection.read(root.field("claude-api-key"), context),
        OAuthExcludedModelsSection.read(root.field("oauth-excluded-models")),
        PayloadSection.read(root.field("payload"), context),
        EndpointsSection.read(root.field("endpoints"), context));
  }

  private static Path authDir(ConfigValue value, LoadContext context) {
    String text = value.text("");
    return context.path(value, text.isEmpty() ? DEFAULT_AUTH_DIR : text);
  }

  private static List<String> apiKeys(ConfigValue list) {
    Set<String> keys = new LinkedHashSet<>();
    for (ConfigValue item : list.items()) {
      String key = item.text("");
      if (!key.isEmpty()) {
        keys.add(key);
      }
    }
    return List.copyOf(keys);
  }

  private static long maxBodyBytes(ConfigValue value) {
    if (value.isAbsent()) {
      return Config.DEFAULT_MAX_BODY_BYTES;
    }
    return value.integer(0, 1, Integer.MAX_VALUE) * 1024L * 1024L;
  }
}
