package dev.cliproxy.provider.openaicompat;

import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.HeaderSection;
import dev.cliproxy.config.HttpUrlValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import dev.cliproxy.config.ModelListSection;
import dev.cliproxy.config.ProxyUrl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code openai-compatibility} list: each entry's name, base URL, headers, keys (the
 * legacy {@code api-keys} list merged into {@code api-key-entries}) and models.
 */
final class OpenAiCompatSection {

  /** The {@code openai-compatibility} section: the upstreams in file order, disabled ones out. */
  static final ConfigSection<List<OpenAiCompatibility>> SECTION =
      ConfigSection.of("openai-compatibility", List.of(), OpenAiCompatSection::read);

  private static final KeySchema ENTRY =
      new KeySchema(
          Set.of(
              "name",
              "base-url",
              "headers",
              "api-key-entries",
              "api-keys",
              "models",
              "credential-group",
              "disabled"),
          Set.of(
              "prefix",
              "support-prompt-cache-key",
              "disable-cooling",
              "request-retry",
              "request-scoped-errors"));

  private static final KeySchema API_KEY_ENTRY =
      new KeySchema(Set.of("api-key", "proxy-url"), Set.of("weight"));

  private OpenAiCompatSection() {}

  static List<OpenAiCompatibility> read(ConfigValue list, LoadContext context) {
    List<OpenAiCompatibility> result = new ArrayList<>();
    Map<String, String> pathByName = new HashMap<>();
    for (ConfigValue entry : list.items()) {
      if (entry.isAbsent()) {
        continue; // a stray "-" line
      }
      ENTRY.check(entry.mapping(), context);
      OpenAiCompatibility upstream = entry(entry, context);
      String previous =
          pathByName.putIfAbsent(upstream.name().toLowerCase(Locale.ROOT), entry.path());
      if (previous != null) {
        throw entry
            .field("name")
            .fail(
                "'"
                    + upstream.name()
                    + "' is already the name of "
                    + previous
                    + " (names must be unique, ignoring case)");
      }
      if (!entry.field("disabled").bool(false)) {
        result.add(upstream);
      }
    }
    return result;
  }

  private static OpenAiCompatibility entry(ConfigValue entry, LoadContext context) {
    ConfigValue nameValue = entry.field("name");
    String name = nameValue.text("");
    if (name.isEmpty()) {
      throw nameValue.fail(
          "is required (the provider's name, e.g. openrouter)"
              + ENTRY.misspellingHint(entry, "name"));
    }
    return new OpenAiCompatibility(
        name,
        HttpUrlValue.required(
            entry.field("base-url"),
            "an http:// or https:// URL such as https://openrouter.ai/api/v1",
            ENTRY.misspellingHint(entry, "base-url")),
        HeaderSection.read(entry.field("headers")),
        keys(entry, context),
        ModelListSection.read(entry.field("models"), context),
        entry.field("credential-group").text(""));
  }

  private static List<ApiKeyEntry> keys(ConfigValue entry, LoadContext context) {
    List<ApiKeyEntry> keys = new ArrayList<>();
    Map<String, String> pathByKey = new HashMap<>();
    for (ConfigValue item : entry.field("api-key-entries").items()) {
      if (item.isAbsent()) {
        continue;
      }
      API_KEY_ENTRY.check(item.mapping(), context);
      String key = item.field("api-key").text("");
      Optional<ProxyUrl> proxy = context.proxyUrl(item.field("proxy-url"));
      if (key.isEmpty()) {
        context.warn(item.path() + ": no api-key (entry ignored)");
      } else if (pathByKey.putIfAbsent(key, item.path()) != null) {
        context.warn(
            item.path() + ": same api-key as " + pathByKey.get(key) + " (duplicate ignored)");
      } else {
        keys.add(new ApiKeyEntry(key, proxy));
      }
    }
    for (ConfigValue item : entry.field("api-keys").items()) {
      String key = item.text("");
      if (!key.isEmpty() && pathByKey.putIfAbsent(key, item.path()) == null) {
        keys.add(new ApiKeyEntry(key, Optional.empty()));
      }
    }
    return keys;
  }
}
