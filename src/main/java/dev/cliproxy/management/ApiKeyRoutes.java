package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cliproxy.config.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The client keys, {@code /api-keys}, with the reference's string-list rules: GET the list as the
 * file holds it; PUT a whole list; PATCH {@code {"index", "value"}} or {@code {"old", "new"}} (no
 * match appends); DELETE {@code ?index=} or {@code ?value=} (every equal entry). A write is live
 * when answered: the next proxy request is checked against the new keys.
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
          return write(current -> keys);
        });
    router.patch("/" + KEY, this::patch);
    router.delete("/" + KEY, this::delete);
  }

  /** The list as the API shows it: its scalars as strings; an empty list when absent. */
  static ArrayNode shown(JsonNode list) {
    ArrayNode shown = ManagementJson.MAPPER.createArrayNode();
    if (list != null && list.isArray()) {
      list.forEach(item -> shown.add(item.isValueNode() && !item.isNull() ? item.asText() : ""));
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
    return write(keys -> {
      if (byIndex && index < keys.size()) {
        keys.set(index, value.asText());
      } else if (byOld) {
        int at = keys.indexOf(old.asText());
        if (at >= 0) {
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
    return write(keys -> {
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

  /** Writes the list {@code change} makes of the file's list, read under the file's lock. */
  private ManagementReply write(UnaryOperator<List<String>> change) {
    return edits.write(document -> {
      List<String> keys = new ArrayList<>();
      shown(document.tree().path(KEY)).forEach(item -> keys.add(item.asText()));
      ArrayNode list = ManagementJson.MAPPER.createArrayNode();
      change.apply(keys).forEach(list::add);
      return document.with(PATH, list);
    });
  }
}
