package dev.cliproxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code api-keys}: each entry a plain key, or a mapping with the key and its policy (a name,
 * model and provider allow-lists, credential groups, rate limits and budgets). Blank keys are
 * dropped; a key listed twice is warned and its first entry kept.
 */
final class ClientKeySection {

  static final KeySchema ENTRY = new KeySchema(entryKeys(), Set.of());

  private ClientKeySection() {}

  private static Set<String> entryKeys() {
    Set<String> keys = new java.util.HashSet<>(ClientKeyPolicy.FIELDS);
    keys.add("key");
    return keys;
  }

  /** Each key's policy, in file order. */
  static List<ClientKeyPolicy> read(ConfigValue list, LoadContext context) {
    Map<String, ClientKeyPolicy> policies = new LinkedHashMap<>();
    Map<String, String> pathByKey = new LinkedHashMap<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue;
      }
      ClientKeyPolicy policy =
          item.node().isObject()
              ? entry(item, context)
              : ClientKeyPolicy.unrestricted(item.text(""));
      if (policy.key().isEmpty()) {
        continue;
      }
      String previous = pathByKey.putIfAbsent(policy.key(), item.path());
      if (previous != null) {
        context.warn(item.path() + ": the same key as " + previous + " (duplicate ignored)");
        continue;
      }
      policies.put(policy.key(), policy);
    }
    return List.copyOf(policies.values());
  }

  private static ClientKeyPolicy entry(ConfigValue item, LoadContext context) {
    ENTRY.check(item, context);
    ConfigValue keyValue = item.field("key");
    String key = keyValue.text("");
    if (key.isEmpty()) {
      throw keyValue.fail(
          "is required in a mapping entry (the key clients send)"
              + ENTRY.misspellingHint(item, "key"));
    }
    ClientKeyPolicy.Limits limits =
        new ClientKeyPolicy.Limits(
            item.field("requests-per-minute").count(0, 0),
            item.field("requests-per-day").count(0, 0),
            item.field("tokens-per-minute").count(0, 0),
            item.field("tokens-per-day").count(0, 0),
            item.field("concurrent-requests").count(0, 0),
            item.field("monthly-token-budget").count(0, 0),
            item.field("monthly-cost-budget").decimal(0, 0));
    return new ClientKeyPolicy(
        key,
        item.field("name").text(""),
        names(item.field("models")),
        names(item.field("providers")),
        names(item.field("credential-groups")),
        limits);
  }

  /** A list of names or patterns: trimmed, blanks and repeats dropped. */
  private static List<String> names(ConfigValue list) {
    List<String> names = new ArrayList<>();
    for (ConfigValue item : list.items()) {
      String text = item.text("");
      if (!text.isEmpty() && !names.contains(text)) {
        names.add(text);
      }
    }
    return names;
  }
}
