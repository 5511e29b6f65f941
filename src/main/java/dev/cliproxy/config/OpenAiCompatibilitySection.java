package dev.cliproxy.config;

import dev.cliproxy.config.Config.ApiKeyEntry;
import dev.cliproxy.config.Config.ModelAlias;
import dev.cliproxy.config.Config.OpenAiCompatibility;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code openai-compatibility} list: each entry's name, base URL, headers, keys (the
 * legacy {@code api-keys} list merged into {@code api-key-entries}) and models.
 */
final class OpenAiCompatibilitySection {

  private OpenAiCompatibilitySection() {}

  static List<OpenAiCompatibility> read(ConfigValue list, LoadContext context) {
    List<OpenAiCompatibility> result = new ArrayList<>();
    Map<String, String> pathByName = new HashMap<>();
    for (ConfigValue entry : list.items()) {
      if (entry.isAbsent()) {
        continue; // a stray "-" line
      }
      ConfigKeys.OPENAI_COMPATIBILITY.check(entry.mapping(), context.warnings());
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
              + ConfigKeys.OPENAI_COMPATIBILITY.misspellingHint(entry, "name"));
    }
    return new OpenAiCompatibility(
        name,
        baseUrl(entry),
        HeaderSection.read(entry.field("headers")),
        keys(entry, context),
        models(entry.field("models"), context));
  }

  private static String baseUrl(ConfigValue entry) {
    ConfigValue value = entry.field("base-url");
    String text = value.text("");
    String expected = "an http:// or https:// URL such as https://openrouter.ai/api/v1";
    if (text.isEmpty()) {
      throw value.fail(
          "is required ("
              + expected
              + ")"
              + ConfigKeys.OPENAI_COMPATIBILITY.misspellingHint(entry, "base-url"));
    }
    // The URL itself is not repeated in errors: some upstreams take a key in the query string.
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw value.fail("not a URL (" + e.getReason() + "); expected " + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw value.fail("must be " + expected);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw value.fail("has no host; expected " + expected);
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(0, end);
  }

  private static List<ApiKeyEntry> keys(ConfigValue entry, LoadContext context) {
    List<ApiKeyEntry> keys = new ArrayList<>();
    Map<String, String> pathByKey = new HashMap<>();
    for (ConfigValue item : entry.field("api-key-entries").items()) {
      if (item.isAbsent()) {
        continue;
      }
      ConfigKeys.API_KEY_ENTRY.check(item.mapping(), context.warnings());
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

  private static List<ModelAlias> models(ConfigValue list, LoadContext context) {
    List<ModelAlias> models = new ArrayList<>();
    Map<String, String> pathByClientName = new HashMap<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue;
      }
      if (!item.node().isObject()) {
        throw item.fail("must be a mapping with a name and an optional alias");
      }
      ConfigKeys.MODEL.check(item, context.warnings());
      ConfigValue nameValue = item.field("name");
      String name = nameValue.text("");
      if (name.isEmpty()) {
        throw nameValue.fail(
            "is required (the upstream's model name)"
                + ConfigKeys.MODEL.misspellingHint(item, "name"));
      }
      ModelAlias model = new ModelAlias(name, item.field("alias").text(""));
      String previous = pathByClientName.putIfAbsent(model.clientName(), item.path());
      if (previous != null) {
        throw item.fail(
            "clients would reach '"
                + model.clientName()
                + "' through "
                + previous
                + " too; give one of them a different alias");
      }
      models.add(model);
    }
    return models;
  }
}
