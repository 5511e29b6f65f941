package dev.cliproxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The text of {@code config.yaml} as an editable document: a value set or removed at a key path
 * keeps the file's comments and key order. A changed scalar is replaced in the text itself, so
 * nothing else in the file moves; other edits re-render the file from its node tree (comments kept,
 * their indentation possibly tidied). Immutable: an edit gives a new document.
 */
public final class ConfigDocument {

  private static final String BOM = "\uFEFF";
  private final String text;
  private final boolean bom;

  private ConfigDocument(String text, boolean bom) {
    this.text = text;
    this.bom = bom;
  }

  /**
   * The document of a config file's text.
   *
   * @throws ConfigException naming the line and column of a YAML syntax error, an alias or a key
   *     given twice
   */
  public static ConfigDocument parse(String text) {
    boolean bom = text.startsWith(BOM);
    ConfigDocument document = new ConfigDocument(bom ? text.substring(1) : text, bom);
    YamlText.compose(document.text); // fails now on a syntax error
    YamlTree.read(document.text); // and on what the loader refuses to read: aliases, duplicate keys
    return document;
  }

  /**
   * The document of a config file's bytes, which must be UTF-8.
   *
   * @throws ConfigException as {@link #parse}, or when the bytes are not UTF-8
   */
  public static ConfigDocument read(byte[] content) {
    return parse(ConfigLoader.decode(content, ""));
  }

  /** The file's text, as given or as edited. */
  public String text() {
    return bom ? BOM + text : text;
  }

  /** The whole document as the loader reads it: a JSON tree, missing for an empty document. */
  public JsonNode tree() {
    return YamlTree.read(text);
  }

  /** The value at a key path such as {@code [remote-management, secret-key]}, if present. */
  public Optional<JsonNode> value(List<String> path) {
    JsonNode node = tree();
    for (String key : path) {
      if (!node.isObject() || !node.has(key)) {
        return Optional.empty();
      }
      node = node.get(key);
    }
    return Optional.of(node);
  }

  /**
   * This document with {@code value} at {@code path}, mappings on the way created as needed (a key
   * absent so far is added at the end of its mapping).
   *
   * @throws ConfigException if a key on the way holds something other than a mapping
   */
  public ConfigDocument with(List<String> path, JsonNode value) {
    requirePath(path);
    Objects.requireNonNull(value, "value");
    Node root = YamlText.compose(text);
    if (root instanceof MappingNode mapping) {
      Optional<String> spliced = splice(mapping, path, value);
      if (spliced.isPresent()) {
        return new ConfigDocument(spliced.get(), bom);
      }
    }
    MappingNode top = root == null || isNull(root) ? emptyMapping(root) : mappingAt(root, "");
    MappingNode parent = top;
    for (int i = 0; i < path.size() - 1; i++) {
      parent = childMapping(parent, path.get(i), String.join(".", path.subList(0, i + 1)));
    }
    String last = path.get(path.size() - 1);
    List<NodeTuple> tuples = parent.getValue();
    int at = indexOf(parent, last);
    if (at >= 0) {
      NodeTuple old = tuples.get(at);
      tuples.set(at, new NodeTuple(old.getKeyNode(), YamlGraft.graft(old.getValueNode(), value)));
    } else {
      tuples.add(new NodeTuple(YamlGraft.key(last), YamlGraft.fresh(value)));
    }
    return new ConfigDocument(YamlText.render(top, text), bom);
  }

  /** This document without the key at {@code path}; the same document when it has no such key. */
  public ConfigDocument without(List<String> path) {
    requirePath(path);
    Node root = YamlText.compose(text);
    Node node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      if (!(node instanceof MappingNode mapping) || indexOf(mapping, path.get(i)) < 0) {
        return this;
      }
      node = mapping.getValue().get(indexOf(mapping, path.get(i))).getValueNode();
    }
    if (!(node instanceof MappingNode parent) || indexOf(parent, path.getLast()) < 0) {
      return this;
    }
    parent.getValue().remove(indexOf(parent, path.getLast()));
    return new ConfigDocument(YamlText.render(root, text), bom);
  }

  /** A changed scalar where a non-empty scalar was: the new text in the old one's place. */
  private Optional<String> splice(MappingNode top, List<String> path, JsonNode value) {
    if (!value.isValueNode() || value.isNull()) {
      return Optional.empty();
    }
    Node node = top;
    for (String key : path) {
      if (!(node instanceof MappingNode mapping) || indexOf(mapping, key) < 0) {
        return Optional.empty();
      }
      node = mapping.getValue().get(indexOf(mapping, key)).getValueNode();
    }
    if (!(node instanceof ScalarNode old)
        || isNull(old)
        || old.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
        || old.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED) {
      return Optional.empty(); // a block scalar spans lines: the tree writes its replacement
    }
    Mark start = old.getStartMark();
    Mark end = old.getEndMark();
    if (start == null || end == null || end.getIndex() <= start.getIndex()) {
      return Optional.empty();
    }
    Node fresh = YamlGraft.fresh(value);
    if (YamlGraft.same(old, fresh)) {
      return Optional.of(text);
    }
    String written = YamlText.scalarText((ScalarNode) fresh, old.getScalarStyle());
    int from = text.offsetByCodePoints(0, start.getIndex());
    int to = text.offsetByCodePoints(0, end.getIndex());
    return Optional.of(text.substring(0, from) + written + text.substring(to));
  }

  private static MappingNode childMapping(MappingNode parent, String key, String path) {
    int at = indexOf(parent, key);
    if (at < 0) {
      MappingNode made = emptyMapping(null);
      parent.getValue().add(new NodeTuple(YamlGraft.key(key), made));
      return made;
    }
    NodeTuple tuple = parent.getValue().get(at);
    if (isNull(tuple.getValueNode())) {
      MappingNode made = emptyMapping(tuple.getValueNode());
      parent.getValue().set(at, new NodeTuple(tuple.getKeyNode(), made));
      return made;
    }
    return mappingAt(tuple.getValueNode(), path);
  }

  private static MappingNode mappingAt(Node node, String path) {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    throw new ConfigException(
        "", path, "holds " + node.getNodeId() + ", not a mapping of keys to values");
  }

  private static MappingNode emptyMapping(Node replaced) {
    MappingNode made = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
    if (replaced != null) {
      made.setBlockComments(replaced.getBlockComments());
      made.setInLineComments(replaced.getInLineComments());
      made.setEndComments(replaced.getEndComments());
    }
    return made;
  }

  private static int indexOf(MappingNode mapping, String key) {
    List<NodeTuple> tuples = mapping.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (key.equals(YamlGraft.keyText(tuples.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  private static void requirePath(List<String> path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a key path names at least one key");
    }
  }
}
