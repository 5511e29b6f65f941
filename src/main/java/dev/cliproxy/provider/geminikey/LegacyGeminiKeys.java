package dev.cliproxy.provider.geminikey;

import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.LoadContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The legacy {@code generative-language-api-key} list: plain Gemini API keys as strings, served
 * like {@code gemini-api-key} entries with nothing but a key. Blank entries are warned and left
 * out; a key listed twice is served once.
 */
final class LegacyGeminiKeys {
  /** The section, an empty list when absent. */
  static final ConfigSection<List<String>> SECTION =
      ConfigSection.of("generative-language-api-key", List.of(), LegacyGeminiKeys::read);

  private LegacyGeminiKeys() {}

  private static List<String> read(ConfigValue list, LoadContext context) {
    Set<String> keys = new LinkedHashSet<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue;
      }
      String key = item.text("").trim();
      if (key.isEmpty()) {
        context.warn(item.path() + ": empty key (ignored)");
      } else if (!keys.add(key)) {
        context.warn(item.path() + ": listed twice (duplicate ignored)");
      }
    }
    return new ArrayList<>(keys);
  }
}
