package dev.cliproxy.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code oauth-excluded-models}: per provider type ({@code codex}, {@code claude}, {@code
 * gemini-cli}), model patterns that credentials from auth files must not serve.
 */
final class OAuthExcludedModelsSection {

  private OAuthExcludedModelsSection() {}

  static Map<String, List<String>> read(ConfigValue section) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    section
        .mapping()
        .fields()
        .forEach((provider, list) -> {
          List<String> patterns = ModelListSection.patterns(list);
          if (!patterns.isEmpty()) {
            String key = provider.trim().toLowerCase(Locale.ROOT);
            result.put(key.equals("gemini") ? "gemini-cli" : key, List.copyOf(patterns));
          }
        });
    return result;
  }
}
