package dev.cliproxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Wildcard;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.Config.PayloadRule;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.provider.UpstreamBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIProxyAPI's {@code payload} rules, applied to the body about to go upstream (after translation,
 * before the provider builds its request).
 *
 * <p>A rule applies when one of its {@code models} entries matches: the name glob ({@code *}
 * wildcards, case-sensitive) matches the model the client asked for or the upstream model, and the
 * protocol is empty or the upstream's ({@code openai}, {@code codex}, {@code claude}, {@code
 * gemini}). {@code default} rules set a path only when the body lacks it (the first matching rule
 * wins per path; presence is judged on the body as it arrived, and {@code null} counts as present);
 * {@code override} rules always set it (the last matching rule wins). Paths are dotted: missing
 * objects on the way are created, a numeric segment indexes an existing array element. A default
 * never replaces a value that is in its way ({@code reasoning: "high"} blocks {@code
 * reasoning.effort}); an override does.
 *
 * <p>The body is parsed only when some rule applies; the rules are read once per config snapshot.
 */
final class PayloadRules {
  private static final Logger log = LoggerFactory.getLogger(PayloadRules.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** No rules. */
  static final PayloadRules NONE = new PayloadRules(Config.Payload.NONE);

  private final Config.Payload payload;

  private PayloadRules(Config.Payload payload) {
    this.payload = payload;
  }

  /** The rules of a config's {@code payload} section. */
  static PayloadRules of(Config.Payload payload) {
    return payload.isEmpty() ? NONE : new PayloadRules(payload);
  }

  /**
   * Applies the matching rules to the body in place; a body no rule matches is not parsed (a
   * pass-through stays the client's bytes).
   */
  void apply(UpstreamBody body, String clientModel, String upstreamModel, Dialect upstream) {
    if (payload.isEmpty()) {
      return;
    }
    String protocol = protocolOf(upstream);
    List<PayloadRule> defaults = matching(payload.defaults(), clientModel, upstreamModel, protocol);
    List<PayloadRule> overrides =
        matching(payload.overrides(), clientModel, upstreamModel, protocol);
    if (defaults.isEmpty() && overrides.isEmpty()) {
      return;
    }
    ObjectNode object;
    try {
      object = body.peek();
    } catch (IllegalStateException notAnObject) {
      log.debug("payload rules skipped: {}", notAnObject.getMessage());
      return;
    }
    Map<String, JsonNode> absent = new LinkedHashMap<>();
    for (PayloadRule rule : defaults) {
      rule.params()
          .forEach((path, value) -> {
            if (!absent.containsKey(path) && !exists(object, segments(path))) {
              absent.put(path, value);
            }
          });
    }
    List<String> changed = new ArrayList<>();
    absent.forEach((path, value) -> {
      if (put(object, segments(path), value, false)) {
        changed.add(path);
      }
    });
    for (PayloadRule rule : overrides) {
      rule.params()
          .forEach((path, value) -> {
            if (put(object, segments(path), value, true)) {
              changed.add(path);
            }
          });
    }
    if (!changed.isEmpty()) {
      body.tree(); // the edits above went into the parsed tree: send it, not the original bytes
      log.debug("payload rules set {} for {} ({})", changed, upstreamModel, protocol);
    }
  }

  /** The protocol name payload rules use for an upstream dialect. */
  static String protocolOf(Dialect upstream) {
    return switch (upstream) {
      case OPENAI_CHAT -> "openai";
      case OPENAI_RESPONSES -> "codex";
      case CLAUDE -> "claude";
      case GEMINI -> "gemini";
    };
  }

  private static List<PayloadRule> matching(
      List<PayloadRule> rules, String clientModel, String upstreamModel, String protocol) {
    List<PayloadRule> out = new ArrayList<>();
    for (PayloadRule rule : rules) {
      for (PayloadRule.ModelMatch m : rule.models()) {
        if ((m.protocol().isEmpty() || m.protocol().equals(protocol))
            && (Wildcard.matches(m.name(), clientModel)
                || Wildcard.matches(m.name(), upstreamModel))) {
          out.add(rule);
          break;
        }
      }
    }
    return out;
  }

  private static String[] segments(String path) {
    return path.split("\\.", -1);
  }

  /** Whether the path leads to a value (possibly {@code null}). */
  private static boolean exists(JsonNode root, String[] segments) {
    JsonNode node = root;
    for (String segment : segments) {
      node = child(node, segment);
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode child(JsonNode node, String segment) {
    if (node instanceof ObjectNode object) {
      return object.get(segment);
    }
    if (node instanceof ArrayNode array) {
      int index = index(segment);
      return index >= 0 && index < array.size() ? array.get(index) : null;
    }
    return null;
  }

  /**
   * Sets the value at the path, creating missing objects on the way.
   *
   * @param replace whether a scalar in the way is replaced by an object (else nothing is set)
   * @return whether the value was set
   */
  private static boolean put(ObjectNode root, String[] segments, JsonNode value, boolean replace) {
    JsonNode node = root;
    for (int i = 0; i < segments.length - 1; i++) {
      String segment = segments[i];
      JsonNode next = child(node, segment);
      if (next != null && next.isContainerNode()) {
        node = next;
        continue;
      }
      if (next != null && !replace) {
        return false;
      }
      ObjectNode created = NODES.objectNode();
      if (node instanceof ObjectNode object) {
        object.set(segment, created);
      } else if (node instanceof ArrayNode array && next != null) {
        array.set(index(segment), created);
      } else {
        return false; // an array index that does not exist
      }
      node = created;
    }
    String last = segments[segments.length - 1];
    if (node instanceof ObjectNode object) {
      object.set(last, value.deepCopy());
      return true;
    }
    int index = index(last);
    if (node instanceof ArrayNode array && index >= 0 && index < array.size()) {
      array.set(index, value.deepCopy());
      return true;
    }
    return false;
  }

  /** The array index a segment names, or -1 when it is not a plain non-negative number. */
  private static int index(String segment) {
    if (segment.isEmpty() || segment.length() > 9) {
      return -1;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Integer.parseInt(segment);
  }
}
