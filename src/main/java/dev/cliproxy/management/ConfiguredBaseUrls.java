package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code base-url} written beside each API key in {@code config.yaml}, as the Management Center
 * reads it back to match {@code api-key-usage} entries ({@code <base-url>|<api-key>}): from the
 * first-party key lists ({@code claude-api-key}, {@code codex-api-key}, {@code gemini-api-key},
 * {@code vertex-api-key}) and the {@code openai-compatibility} entries. A key written without one
 * has none (empty), as in the reference.
 */
final class ConfiguredBaseUrls {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> KEY_LISTS =
      Set.of("claude-api-key", "codex-api-key", "gemini-api-key", "vertex-api-key");

  private ConfiguredBaseUrls() {}

  /** Per API key, its base URL; empty when the file is missing or cannot be read. */
  static Map<String, String> of(Path configFile) {
    Map<String, String> urls = new HashMap<>();
    JsonNode root;
    try {
      if (!Files.isRegularFile(configFile)) {
        return urls;
      }
      root = YAML.readTree(configFile.toFile());
    } catch (IOException e) {
      return urls;
    }
    if (root == null || !root.isObject()) {
      return urls;
    }
    for (String list : KEY_LISTS) {
      for (JsonNode entry : root.path(list)) {
        put(urls, entry.path("api-key"), entry.path("base-url").asText(""));
      }
    }
    for (JsonNode entry : root.path("openai-compatibility")) {
      String baseUrl = entry.path("base-url").asText("");
      entry.path("api-key-entries").forEach(key -> put(urls, key.path("api-key"), baseUrl));
      entry.path("api-keys").forEach(key -> put(urls, key, baseUrl));
    }
    return urls;
  }

  private static void put(Map<String, String> urls, JsonNode key, String baseUrl) {
    if (key.isTextual() && !key.textValue().isBlank()) {
      urls.putIfAbsent(key.textValue().trim(), baseUrl.trim());
    }
  }
}
