package dev.cliproxy.config;

import dev.cliproxy.config.Config.Endpoints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code endpoints}: per provider, URLs that replace the built-in upstream and OAuth
 * addresses (a company gateway, a test fake). The providers and their endpoint names are those the
 * provider kinds name in the {@link ConfigSchema}.
 */
final class EndpointsSection {

  private EndpointsSection() {}

  static Endpoints read(ConfigValue section, LoadContext context, ConfigSchema schema) {
    Map<String, Map<String, String>> byProvider = new LinkedHashMap<>();
    schema.endpointProviders().check(section.mapping(), context);
    section
        .fields()
        .forEach((provider, names) -> {
          Set<String> known = schema.endpoints().get(provider);
          if (known == null) {
            return; // warned above
          }
          new KeySchema(known, Set.of()).check(names.mapping(), context);
          Map<String, String> urls = new LinkedHashMap<>();
          names
              .fields()
              .forEach((name, value) -> {
                if (known.contains(name)) {
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
