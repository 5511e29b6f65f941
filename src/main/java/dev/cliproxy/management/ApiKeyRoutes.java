package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.config.ConfigFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The client keys, {@code /api-keys}, with the reference's string-list rules: GET the list as the
 * file holds it; PUT a whole list; PATCH {@code {"index", "value"}} or {@code {"old", "new"}} (no
 * match appends); DELETE {@code ?index=} or {@code ?value=} (every equal entry). A write is live
 * when answered: the next proxy request is checked against the new keys. Entries that carry a
 * policy are listed by their key here and keep their policy through these edits (a renamed key
 * takes its policy along); {@link KeyPolicyRoutes} edits the policies.
 */
public final class ApiKeyRoutes implements ManagementRoutes {
  static final String KEY = "api-keys";
  private static final List<String> PATH = List.of(KEY);

  private final ConfigEdits edits;

  public ApiKeyRoutes(ConfigFile file) {
    this.edits = new ConfigEdits(file);
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.get("/" + KEY, call -> ManagementReply.field(KEY, shown(edits.tree().get(KEY))));
    router.put(
        "/" + KEY,
        call -> {
          List<String> keys = strings(ListBody.items(call));
          return write((current, renames) -> keys);
        });
    router.patch("/" + KEY, this::patch);
    router.delete("/" + KEY, this::delete);
  }

  /** The list as the API shows it: its scalars as strings; an empty list when absent. */
  static ArrayNode shown(JsonNode list) {
    ArrayNode shown = ManagementJson.MAPPER.createArrayNode();
    if (list != null && list.isArray()) {
      list.forEach(item -> shown.add(ApiKeyEntries.keyOf(item)));
    }
    return shown;
  }

  private ManagementReply patch(ManagementCall call) {
    JsonNode body = call.json();
    int index = ListBody.index(body.get("index"));
    JsonNode value = body.get("value");
    JsonNode old = body.get("old");
    JsonNode replacement = body.get("new");
    boolean byIndex = index >= 0 && value != null && value.isTextual();
    boolean byOld =
        old != null && old.isTextual() && replacement != null && replacement.isTextual();
    return write((keys, renames) -> {
      if (byIndex && index < keys.size()) {
        renames.put(keys.get(index), value.asText());
        keys.set(index, value.asText());
      } else if (byOld) {
        int at = keys.indexOf(old.asText());
        if (at >= 0) {
          renames.put(old.asText(), replacement.asText());
          keys.set(at, replacement.asText());
        } else {
          keys.add(replacement.asText());
        }
      } else {
        throw new ManagementError(
            400,
            "missing fields",
            "send {\"index\": i, \"value\": \"key\"} with an index in the list, or {\"old\":"
                + " \"key\", \"new\": \"key\"}");
      }
      return keys;
    });
  }

  private ManagementReply delete(ManagementCall call) {
    int index = ListBody.index(call, "index");
    String value = call.query("value").map(String::trim).orElse("");
    return write((keys, renames) -> {
      if (index >= 0 && index < keys.size()) {
        keys.remove(index);
      } else if (!value.isEmpty()) {
        keys.removeIf(key -> key.trim().equals(value));
      } else {
        throw new ManagementError(
            400, "missing index or value", "send ?index= (a place in the list) or ?value= (a key)");
      }
      return keys;
    });
  }

  private static List<String> strings(ArrayNode items) {
    List<String> keys = new ArrayList<>();
    for (JsonNode item : items) {
      if (!item.isTextual()) {
        throw new ManagementError(400, "invalid body", "every key must be a string");
      }
      keys.add(item.asText());
    }
    return keys;
  }

  /**
   * Writes the list {@code change} makes of the file's keys, read under the file's lock; {@code
   * change} notes the keys it renames, whose policies go with them.
   */
  private ManagementReply write(
      BiFunction<List<String>, Map<String, String>, List<String>> change) {
    return edits.write(document -> {
      JsonNode current = document.tree().path(KEY);
      List<String> keys = new ArrayList<>();
      shown(current).forEach(item -> keys.add(item.asText()));
      Map<String, ObjectNode> policies = ApiKeyEntries.policies(current);
      Map<String, String> renames = new HashMap<>();
      List<String> next = change.apply(keys, renames);
      renames.forEach((from, to) -> {
        ObjectNode policy = policies.get(from);
        if (policy != null) {
          policies.putIfAbsent(to, policy);
        }
      });
      return document.with(PATH, ApiKeyEntries.of(next, policies));
    });
  }
}
