package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.config.ConfigFile;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code /oauth-excluded-models}: per auth-file type, the model patterns its accounts must not
 * serve. GET the map; PUT a whole map (or {@code {"items": {...}}}); PATCH {@code {"provider",
 * "models"}} sets one type's list (an empty one removes the type); DELETE {@code ?provider=}. Types
 * and patterns are trimmed and lower-cased, duplicates and empty lists dropped, as the reference
 * keeps them.
 */
public final class OAuthExcludedModelsRoutes implements ManagementRoutes {
  static final String KEY = "oauth-excluded-models";
  private static final List<String> PATH = List.of(KEY);

  private final ConfigEdits edits;

  public OAuthExcludedModelsRoutes(ConfigFile file) {
    this.edits = new ConfigEdits(file);
  }

  @Override
  public void addTo(ManagementRouter router) {
    String path = "/" + KEY;
    router.get(path, call -> ManagementReply.field(KEY, shown(edits.tree().get(KEY))));
    router.put(path, this::put);
    router.patch(path, this::patch);
    router.delete(path, this::delete);
  }

  /** The map normalised; an empty map when absent. */
  static ObjectNode shown(JsonNode map) {
    ObjectNode shown = ManagementJson.MAPPER.createObjectNode();
    if (map == null || !map.isObject()) {
      return shown;
    }
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      String provider = entry.getKey().trim().toLowerCase(Locale.ROOT);
      ArrayNode models = patterns(entry.getValue());
      if (!provider.isEmpty() && !models.isEmpty()) {
        shown.set(provider, models);
      }
    }
    return shown;
  }

  private ManagementReply put(ManagementCall call) {
    JsonNode body = call.json();
    JsonNode map = body.has("items") && body.size() == 1 ? body.get("items") : body;
    if (!map.isObject()) {
      throw new ManagementError(
          400, "invalid body", "send {\"<auth-file type>\": [\"model pattern\", ...], ...}");
    }
    ObjectNode next = shown(map);
    return write(current -> next);
  }

  private ManagementReply patch(ManagementCall call) {
    JsonNode body = call.json();
    JsonNode provider = body.get("provider");
    if (provider == null || !provider.isTextual()) {
      throw new ManagementError(
          400, "invalid body", "send {\"provider\": \"<auth-file type>\", \"models\": [...]}");
    }
    String type = provider.asText().trim().toLowerCase(Locale.ROOT);
    if (type.isEmpty()) {
      throw ManagementError.badRequest("invalid provider");
    }
    ArrayNode models = patterns(body.get("models"));
    return write(current -> {
      if (models.isEmpty()) {
        if (current.remove(type) == null) {
          throw ManagementError.notFound("provider not found");
        }
      } else {
        current.set(type, models);
      }
      return current;
    });
  }

  private ManagementReply delete(ManagementCall call) {
    String type = call.query("provider").map(p -> p.trim().toLowerCase(Locale.ROOT)).orElse("");
    if (type.isEmpty()) {
      throw ManagementError.badRequest("missing provider");
    }
    return write(current -> {
      if (current.remove(type) == null) {
        throw ManagementError.notFound("provider not found");
      }
      return current;
    });
  }

  private ManagementReply write(UnaryOperator<ObjectNode> change) {
    return edits.write(document -> {
      ObjectNode next = change.apply(shown(document.tree().get(KEY)));
      return next.isEmpty() && document.value(PATH).isEmpty()
          ? document
          : document.with(PATH, next);
    });
  }

  private static ArrayNode patterns(JsonNode list) {
    Set<String> unique = new LinkedHashSet<>();
    if (list != null && list.isArray()) {
      list.forEach(item -> {
        String pattern = item.asText("").trim().toLowerCase(Locale.ROOT);
        if (!pattern.isEmpty()) {
          unique.add(pattern);
        }
      });
    }
    ArrayNode patterns = ManagementJson.MAPPER.createArrayNode();
    unique.forEach(patterns::add);
    return patterns;
  }
}
