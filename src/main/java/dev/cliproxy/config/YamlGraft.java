package dev.cliproxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Grafts a JSON value onto a SnakeYAML node tree: what the value leaves unchanged keeps its old
 * node, with that node's comments and quoting, and only what changed gets new nodes. Mapping keys
 * keep their order with new keys appended; list items equal to an old item reuse it, others are
 * merged with the old item at the same place.
 */
final class YamlGraft {

  private YamlGraft() {}

  /** The node for {@code value} in place of {@code old} (null when there was none). */
  static Node graft(Node old, JsonNode value) {
    if (old == null) {
      return fresh(value);
    }
    if (value.isObject() && old instanceof MappingNode mapping) {
      return mapping(mapping, value);
    }
    if (value.isArray() && old instanceof SequenceNode sequence) {
      return sequence(sequence, value);
    }
    Node made = fresh(value);
    if (made instanceof ScalarNode scalar && old instanceof ScalarNode oldScalar) {
      if (sameScalar(scalar, oldScalar)) {
        return old;
      }
      return restyled(scalar, oldScalar);
    }
    made.setInLineComments(old.getInLineComments());
    return made;
  }

  /** A key node for a mapping key written by the API. */
  static ScalarNode key(String name) {
    return new ScalarNode(Tag.STR, name, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  /** The key's text, or null for a key that is not a scalar. */
  static String keyText(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
  }

  /** A new node tree for a JSON value: block collections, plain scalars quoted only as needed. */
  static Node fresh(JsonNode value) {
    if (value.isObject()) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        tuples.add(new NodeTuple(key(field.getKey()), fresh(field.getValue())));
      }
      return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
    }
    if (value.isArray()) {
      List<Node> items = new ArrayList<>();
      value.forEach(item -> items.add(fresh(item)));
      return new SequenceNode(
          Tag.SEQ,
          items,
          items.isEmpty() ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
    }
    if (value.isNull() || value.isMissingNode()) {
      return scalar(Tag.NULL, "null");
    }
    if (value.isBoolean()) {
      return scalar(Tag.BOOL, value.asText());
    }
    if (value.isIntegralNumber()) {
      return scalar(Tag.INT, value.asText());
    }
    if (value.isNumber()) {
      return scalar(Tag.FLOAT, value.asText());
    }
    return scalar(Tag.STR, value.asText());
  }

  /** Whether two trees hold the same values (tags and texts), whatever their comments and style. */
  static boolean same(Node a, Node b) {
    if (a instanceof ScalarNode x && b instanceof ScalarNode y) {
      return sameScalar(x, y);
    }
    if (a instanceof MappingNode x && b instanceof MappingNode y) {
      List<NodeTuple> left = x.getValue();
      List<NodeTuple> right = y.getValue();
      if (left.size() != right.size()) {
        return false;
      }
      for (int i = 0; i < left.size(); i++) {
        if (!same(left.get(i).getKeyNode(), right.get(i).getKeyNode())
            || !same(left.get(i).getValueNode(), right.get(i).getValueNode())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof SequenceNode x && b instanceof SequenceNode y) {
      if (x.getValue().size() != y.getValue().size()) {
        return false;
      }
      for (int i = 0; i < x.getValue().size(); i++) {
        if (!same(x.getValue().get(i), y.getValue().get(i))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static MappingNode mapping(MappingNode old, JsonNode value) {
    List<NodeTuple> tuples = new ArrayList<>();
    for (NodeTuple tuple : old.getValue()) {
      String name = keyText(tuple);
      if (name != null && value.has(name)) {
        tuples.add(new NodeTuple(tuple.getKeyNode(), graft(tuple.getValueNode(), value.get(name))));
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      if (old.getValue().stream().noneMatch(t -> field.getKey().equals(keyText(t)))) {
        tuples.add(new NodeTuple(key(field.getKey()), fresh(field.getValue())));
      }
    }
    MappingNode made = new MappingNode(old.getTag(), tuples, old.getFlowStyle());
    carryComments(old, made);
    return made;
  }

  private static SequenceNode sequence(SequenceNode old, JsonNode value) {
    List<Node> oldItems = old.getValue();
    BitSet used = new BitSet();
    List<Node> made = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      Node wanted = fresh(value.get(i));
      int equal = -1;
      for (int j = 0; j < oldItems.size() && equal < 0; j++) {
        if (!used.get(j) && same(oldItems.get(j), wanted)) {
          equal = j;
        }
      }
      if (equal >= 0) {
        used.set(equal);
        made.add(oldItems.get(equal));
      } else if (i < oldItems.size() && !used.get(i)) {
        used.set(i);
        made.add(graft(oldItems.get(i), value.get(i)));
      } else {
        made.add(wanted);
      }
    }
    DumperOptions.FlowStyle style =
        made.isEmpty() ? DumperOptions.FlowStyle.FLOW : blockUnlessFlow(old.getFlowStyle());
    SequenceNode sequence = new SequenceNode(old.getTag(), made, style);
    carryComments(old, sequence);
    return sequence;
  }

  private static DumperOptions.FlowStyle blockUnlessFlow(DumperOptions.FlowStyle style) {
    return style == DumperOptions.FlowStyle.FLOW ? style : DumperOptions.FlowStyle.BLOCK;
  }

  private static void carryComments(Node from, Node to) {
    to.setBlockComments(from.getBlockComments());
    to.setInLineComments(from.getInLineComments());
    to.setEndComments(from.getEndComments());
  }

  /** The new scalar in the old one's quotes when it is still a string, with its comments. */
  private static ScalarNode restyled(ScalarNode made, ScalarNode old) {
    DumperOptions.ScalarStyle style = DumperOptions.ScalarStyle.PLAIN;
    boolean quoted =
        old.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED
            || old.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED;
    if (quoted && made.getTag().equals(Tag.STR)) {
      style = old.getScalarStyle();
    }
    ScalarNode scalar = new ScalarNode(made.getTag(), made.getValue(), null, null, style);
    scalar.setInLineComments(old.getInLineComments());
    scalar.setBlockComments(old.getBlockComments());
    return scalar;
  }

  private static boolean sameScalar(ScalarNode a, ScalarNode b) {
    return a.getTag().equals(b.getTag()) && a.getValue().equals(b.getValue());
  }

  private static ScalarNode scalar(Tag tag, String text) {
    return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
  }
}
