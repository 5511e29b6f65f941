package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.auth.AuthIndex;
import dev.cliproxy.config.ConfigFile;
import dev.cliproxy.gateway.CredentialTally;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every provider key list ({@link KeyList#ALL}) at {@code /<section>}, with the reference's
 * object-list rules: GET the list as the file holds it; PUT a whole list (an array, or {@code
 * {"items": [...]}}); PATCH {@code {"index" | "match" | "name", "value": {fields}}} sets the given
 * fields of one entry (a {@code null} field removes it) or removes the entry when the list's rule
 * says so; DELETE {@code ?api-key=} (with {@code &base-url=} to tell apart entries sharing a key),
 * {@code ?name=} for OpenAI-compatible upstreams, or {@code ?index=}. The work is on the file's
 * tree, so this package never names a provider kind; the loader checks every write with the kinds'
 * sections, and a write is live when answered.
 */
public final class ProviderKeyRoutes implements ManagementRoutes {
  private final ConfigEdits edits;
  private final Function<String, CredentialTally.Tally> tally;

  /**
   * @param tally how the key of an auth index has fared, shown with each key as the reference shows
   *     it ({@link CredentialFigures})
   */
  public ProviderKeyRoutes(ConfigFile file, Function<String, CredentialTally.Tally> tally) {
    this.edits = new ConfigEdits(file);
    this.tally = tally;
  }

  @Override
  public void addTo(ManagementRouter router) {
    for (KeyList list : KeyList.ALL) {
      String path = "/" + list.section();
      router.get(path, call -> ManagementReply.field(list.section(), withFigures(list)));
      router.put(path, call -> put(list, ListBody.items(call)));
      router.patch(path, call -> patch(list, call.json()));
      router.delete(path, call -> delete(list, call));
    }
  }

  /**
   * The list with each key's {@link dev.cliproxy.auth.AuthIndex} and figures; an OpenAI-compatible
   * upstream's keys are its {@code api-key-entries}, indexed with the upstream's base URL.
   */
  private ArrayNode withFigures(KeyList list) {
    ArrayNode shown = list.shown(edits.tree().get(list.section())).deepCopy();
    for (JsonNode item : shown) {
      String baseUrl = KeyList.text(item, KeyList.BASE_URL);
      if (list.section().equals("openai-compatibility")) {
        for (JsonNode key : item.path("api-key-entries")) {
          if (key instanceof ObjectNode entry && !KeyList.blank(entry, "api-key")) {
            addFigures(entry, list.section(), baseUrl);
          }
        }
      } else if (item instanceof ObjectNode entry && !KeyList.blank(entry, "api-key")) {
        addFigures(entry, list.section(), baseUrl);
      }
    }
    return shown;
  }

  private void addFigures(ObjectNode entry, String section, String baseUrl) {
    String index = AuthIndex.forApiKey(section, baseUrl, KeyList.text(entry, "api-key"));
    entry.put("auth_index", index);
    CredentialFigures.addTo(entry, tally.apply(index));
  }

  private ManagementReply put(KeyList list, ArrayNode items) {
    List<ObjectNode> entries = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof ObjectNode item)) {
        throw new ManagementError(
            400, "invalid body", list.section() + "[" + i + "] must be an object");
      }
      ObjectNode entry = normalised(item);
      Optional<String> missing =
          list.required().stream().filter(f -> KeyList.blank(entry, f)).findFirst();
      if (missing.isEmpty()) {
        entries.add(entry);
      } else if (list.refuseIncomplete()) {
        throw new ManagementError(
            400, list.section() + "[" + i + "]." + missing.get() + " is required");
      }
    }
    return write(list, current -> entries);
  }

  private ManagementReply patch(KeyList list, JsonNode body) {
    if (!(body.get("value") instanceof ObjectNode value)) {
      throw new ManagementError(
          400, "invalid body", "send {\"index\" or \"match\", \"value\": {the fields to set}}");
    }
    int index = ListBody.index(body.get("index"));
    JsonNode match = body.has("match") ? body.get("match") : body.get("name");
    String wanted = match != null && match.isTextual() ? match.asText().trim() : "";
    return write(
        list,
        entries -> {
          int target = index >= 0 && index < entries.size() ? index : find(list, entries, wanted);
          ObjectNode entry = entries.get(target).deepCopy();
          for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (field.getValue().isNull()) {
              entry.remove(field.getKey());
            } else {
              entry.set(field.getKey(), field.getValue());
            }
          }
          ObjectNode patched = normalised(entry);
          if (list.deletedBy().test(patched)) {
            entries.remove(target);
          } else {
            entries.set(target, patched);
          }
          return entries;
        });
  }

  private ManagementReply delete(KeyList list, ManagementCall call) {
    Optional<String> key =
        call.query(list.deleteParam()).map(String::trim).filter(k -> !k.isEmpty());
    Optional<String> baseUrl = call.query(KeyList.BASE_URL).map(String::trim);
    int index = ListBody.index(call, "index");
    if (key.isEmpty() && index < 0) {
      throw new ManagementError(
          400,
          "missing " + list.deleteParam() + " or index",
          "send ?" + list.deleteParam() + "= or ?index=");
    }
    return write(
        list,
        entries -> {
          if (key.isEmpty()) {
            if (index >= entries.size()) {
              throw new ManagementError(
                  400, "missing " + list.deleteParam() + " or index", "no entry at that index");
            }
            entries.remove(index);
            return entries;
          }
          List<ObjectNode> matching =
              entries.stream()
                  .filter(e -> KeyList.text(e, list.identity()).equals(key.get()))
                  .filter(e ->
                      baseUrl.isEmpty() || KeyList.text(e, KeyList.BASE_URL).equals(baseUrl.get()))
                  .toList();
          if (matching.size() > 1 && baseUrl.isEmpty() && list.identity().equals(KeyList.API_KEY)) {
            throw new ManagementError(400, "multiple items match api-key; base-url is required");
          }
          if (matching.isEmpty() && list.deleteMissingIs404()) {
            throw ManagementError.notFound("item not found");
          }
          entries.removeAll(matching);
          return entries;
        });
  }

  /** The entry whose identity is {@code wanted}: 404 when none, 400 when several. */
  private static int find(KeyList list, List<ObjectNode> entries, String wanted) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < entries.size() && !wanted.isEmpty(); i++) {
      if (KeyList.text(entries.get(i), list.identity()).equals(wanted)) {
        found.add(i);
      }
    }
    if (found.isEmpty()) {
      throw ManagementError.notFound("item not found");
    }
    if (found.size() > 1) {
      throw ManagementError.badRequest("multiple items match; index is required");
    }
    return found.getFirst();
  }

  /** Writes the list {@code change} makes of the file's list, read under the file's lock. */
  private ManagementReply write(KeyList list, UnaryOperator<List<ObjectNode>> change) {
    List<String> path = List.of(list.section());
    return edits.write(document -> {
      List<ObjectNode> entries = new ArrayList<>();
      list.shown(document.tree().get(list.section()))
          .forEach(entry -> entries.add((ObjectNode) entry));
      ArrayNode next = ManagementJson.MAPPER.createArrayNode();
      change.apply(entries).forEach(next::add);
      return document.with(path, next);
    });
  }

  /**
   * An entry as the reference keeps it: its text fields trimmed, headers without blank names or
   * values (none left: no headers), excluded models trimmed, without blanks and duplicates.
   */
  private static ObjectNode normalised(ObjectNode entry) {
    ObjectNode copy = entry.deepCopy();
    copy.remove(CredentialFigures.FIELDS);
    if (copy.get("api-key-entries") instanceof ArrayNode keys) {
      keys.forEach(key -> {
        if (key instanceof ObjectNode k) {
          k.remove(CredentialFigures.FIELDS);
        }
      });
    }
    for (Map.Entry<String, JsonNode> field : entry.properties()) {
      if (field.getValue().isTextual()) {
        copy.put(field.getKey(), field.getValue().asText().trim());
      }
    }
    if (copy.get("headers") instanceof ObjectNode headers) {
      ObjectNode kept = ManagementJson.MAPPER.createObjectNode();
      headers
          .properties()
          .forEach(h -> {
            String name = h.getKey().trim();
            String text = h.getValue().isValueNode() ? h.getValue().asText().trim() : "";
            if (!name.isEmpty() && !text.isEmpty()) {
              kept.put(name, text);
            }
          });
      if (kept.isEmpty()) {
        copy.remove("headers");
      } else {
        copy.set("headers", kept);
      }
    }
    if (copy.get("excluded-models") instanceof ArrayNode models) {
      ArrayNode kept = ManagementJson.MAPPER.createArrayNode();
      Set<String> seen = new HashSet<>();
      models.forEach(m -> {
        String pattern = m.asText("").trim();
        if (!pattern.isEmpty() && seen.add(pattern.toLowerCase(java.util.Locale.ROOT))) {
          kept.add(TextNode.valueOf(pattern));
        }
      });
      copy.set("excluded-models", kept);
    }
    return copy;
  }
}
