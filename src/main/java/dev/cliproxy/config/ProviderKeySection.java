package dev.cliproxy.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a list of API keys for one first-party provider ({@code codex-api-key}, {@code
 * claude-api-key}, later {@code gemini-api-key}): each entry's key, optional base URL, proxy,
 * headers, models and excluded models. Entries without a key and duplicates are warned and left
 * out, disabled ones are validated and left out.
 */
public final class ProviderKeySection {

  private ProviderKeySection() {}

  /** The top-level section {@code key} holding such a list; empty when absent. */
  public static ConfigSection<List<ProviderKey>> named(String key) {
    return ConfigSection.of(key, List.of(), ProviderKeySection::read);
  }

  /** The keys of the list in file order. */
  public static List<ProviderKey> read(ConfigValue list, LoadContext context) {
    List<ProviderKey> keys = new ArrayList<>();
    Map<String, String> pathByIdentity = new HashMap<>();
    for (ConfigValue entry : list.items()) {
      if (entry.isAbsent()) {
        continue;
      }
      ConfigKeys.PROVIDER_KEY.check(entry.mapping(), context);
      String apiKey = entry.field("api-key").text("");
      if (apiKey.isEmpty()) {
        context.warn(entry.path() + ": no api-key (entry ignored)");
        continue;
      }
      ProviderKey key =
          new ProviderKey(
              apiKey,
              HttpUrlValue.optional(
                  entry.field("base-url"), "an http:// or https:// URL of the provider's API"),
              context.proxyUrl(entry.field("proxy-url")),
              HeaderSection.read(entry.field("headers")),
              ModelListSection.read(entry.field("models"), context),
              ModelListSection.patterns(entry.field("excluded-models")),
              entry.field("credential-group").text(""));
      String identity = apiKey + "\0" + key.baseUrl().orElse("");
      String previous = pathByIdentity.putIfAbsent(identity, entry.path());
      if (previous != null) {
        context.warn(
            entry.path() + ": same api-key and base-url as " + previous + " (duplicate ignored)");
        continue;
      }
      if (!entry.field("disabled").bool(false)) {
        keys.add(key);
      }
    }
    return keys;
  }
}
