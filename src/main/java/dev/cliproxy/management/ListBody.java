package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The body of a list PUT as the reference takes it: a JSON array (an empty one clears the list), or
 * {@code {"items": [...]}} with at least one item.
 */
final class ListBody {
  private ListBody() {}

  /**
   * The items of the body.
   *
   * @throws ManagementError 400 {@code invalid body} for anything else
   */
  static ArrayNode items(ManagementCall call) {
    JsonNode body = call.json();
    if (body.isArray()) {
      return (ArrayNode) body;
    }
    JsonNode items = body.path("items");
    if (items.isArray() && !items.isEmpty()) {
      return (ArrayNode) items;
    }
    throw new ManagementError(
        400, "invalid body", "send a JSON array, or {\"items\": [...]} with at least one item");
  }

  /** A non-negative integer query parameter, or -1 when absent or not one. */
  static int index(ManagementCall call, String name) {
    return call.query(name).map(ListBody::index).orElse(-1);
  }

  /** A JSON integer field, or -1 when absent or not one. */
  static int index(JsonNode node) {
    return node != null && node.canConvertToInt() && node.isIntegralNumber() ? node.asInt() : -1;
  }

  private static int index(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
