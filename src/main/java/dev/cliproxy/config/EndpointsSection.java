package dev.cliproxy.config;

import dev.cliproxy.config.Config.Endpoints;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code endpoints}: per provider, URLs that replace the built-in upstream and OAuth
 * addresses (a company gateway, a test fake).
 */
final class EndpointsSection {

  private EndpointsSection() {}

  static Endpoints read(ConfigValue section, LoadContext context) {
    Map<String, Map<String, String>> byProvider = new LinkedHashMap<>();
    ConfigKeys.ENDPOINT_PROVIDERS.check(section.mapping(), context.warnings());
    section
        .fields()
        .forEach((provider, names) -> {
          KeySchema schema = ConfigKeys.ENDPOINTS.get(provider);
          if (schema == null) {
            return; // warned above
          }
          schema.check(names.mapping(), context.warnings());
          Map<String, String> urls = new LinkedHashMap<>();
          names
              .fields()
              .forEach((name, value) -> {
                if (schema.supported().contains(name)) {
                  HttpUrlValue.optional(value, "an http:// or https:// URL")
                      .ifPresent(url -> urls.put(name, url));
                }
              });
          if (!urls.isEmpty()) {
            byProvider.put(provider, urls);
          }
        });
    return new Endpoints(byProvider);
  }
}
