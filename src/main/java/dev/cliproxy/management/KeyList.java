package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * A provider key list of {@code config.yaml} (a list of mappings that a provider kind reads) and
 * the reference's rules for it in the management API. The rules name fields only; what an entry
 * means is the kind's, and every write is checked by the loader that knows the kind's section.
 *
 * @param section the top-level key, also the endpoint's path
 * @param identity the field a PATCH {@code match} (or {@code name}) and a DELETE query select by:
 *     {@code api-key}, or {@code name} for OpenAI-compatible upstreams
 * @param required fields a PUT entry must have (non-blank), else it is dropped, or refused when
 *     {@code refuseIncomplete}
 * @param refuseIncomplete whether a PUT entry without a required field is a 400 rather than dropped
 * @param deletedBy an entry a PATCH leaves in this state is removed instead
 * @param deleteMissingIs404 whether a DELETE that matches nothing is a 404 (else 200)
 */
record KeyList(
    String section,
    String identity,
    List<String> required,
    boolean refuseIncomplete,
    Predicate<ObjectNode> deletedBy,
    boolean deleteMissingIs404) {

  static final String API_KEY = "api-key";
  static final String BASE_URL = "base-url";

  /** The lists the management API edits, as the reference has them. */
  static final List<KeyList> ALL =
      List.of(
          new KeyList(
              "gemini-api-key",
              API_KEY,
              List.of(API_KEY),
              false,
              entry -> blank(entry, API_KEY) && blank(entry, BASE_URL),
              true),
          new KeyList("claude-api-key", API_KEY, List.of(API_KEY), false, entry -> false, false),
          new KeyList(
              "codex-api-key", API_KEY, List.of(API_KEY), false, e -> blank(e, API_KEY), false),
          new KeyList(
              "vertex-api-key", API_KEY, List.of(API_KEY), true, e -> blank(e, API_KEY), false),
          new KeyList(
              "openai-compatibility",
              "name",
              List.of(BASE_URL),
              false,
              entry -> blank(entry, BASE_URL),
              false));

  /** The query parameter a DELETE names its entry by. */
  String deleteParam() {
    return identity;
  }

  /**
   * The list as the API shows it: its mappings, an OpenAI-compatible upstream's legacy {@code
   * api-keys} folded into {@code api-key-entries} as the reference does; an empty list when absent.
   */
  ArrayNode shown(JsonNode list) {
    ArrayNode shown = ManagementJson.MAPPER.createArrayNode();
    if (list == null || !list.isArray()) {
      return shown;
    }
    for (JsonNode item : list) {
      if (item.isObject()) {
        shown.add(section.equals("openai-compatibility") ? withKeyEntries(item) : item);
      }
    }
    return shown;
  }

  /** The entry's text field, trimmed; empty when absent or not text. */
  static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText().trim() : "";
  }

  static boolean blank(JsonNode entry, String field) {
    return text(entry, field).isEmpty();
  }

  private static JsonNode withKeyEntries(JsonNode upstream) {
    JsonNode legacy = upstream.get("api-keys");
    if (legacy == null) {
      return upstream;
    }
    ObjectNode copy = ((ObjectNode) upstream).deepCopy();
    copy.remove("api-keys");
    ArrayNode entries =
        copy.get("api-key-entries") instanceof ArrayNode present
            ? present
            : copy.putArray("api-key-entries");
    if (legacy.isArray()) {
      for (JsonNode key : legacy) {
        String text = key.asText("").trim();
        boolean known = false;
        for (JsonNode entry : entries) {
          known |= text.equals(text(entry, API_KEY));
        }
        if (!text.isEmpty() && !known) {
          entries.addObject().put(API_KEY, text);
        }
      }
    }
    return copy;
  }
}
