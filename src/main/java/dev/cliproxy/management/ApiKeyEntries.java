package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file's {@code api-keys} list as entries: plain keys, and mappings carrying a key's policy
 * ({@code key} and its fields). Editing the keys keeps each remaining key's policy.
 */
final class ApiKeyEntries {
  private ApiKeyEntries() {}

  /** The key an entry holds: a scalar's text, a mapping's {@code key}; empty otherwise. */
  static String keyOf(JsonNode entry) {
    if (entry.isObject()) {
      return entry.path("key").asText("");
    }
    return entry.isValueNode() && !entry.isNull() ? entry.asText() : "";
  }

  /** The mapping entries of {@code list}, by key. */
  static Map<String, ObjectNode> policies(JsonNode list) {
    Map<String, ObjectNode> policies = new LinkedHashMap<>();
    if (list != null && list.isArray()) {
      for (JsonNode entry : list) {
        if (entry.isObject()) {
          policies.putIfAbsent(keyOf(entry), (ObjectNode) entry.deepCopy());
        }
      }
    }
    return policies;
  }

  /**
   * The list for {@code keys}: each key as its mapping from {@code policies} when it has one (its
   * {@code key} set to it), else as a plain string.
   */
  static ArrayNode of(List<String> keys, Map<String, ObjectNode> policies) {
    ArrayNode list = ManagementJson.MAPPER.createArrayNode();
    for (String key : keys) {
      ObjectNode policy = policies.get(key);
      if (policy == null) {
        list.add(key);
      } else {
        list.add(policy.deepCopy().put("key", key));
      }
    }
    return list;
  }
}
