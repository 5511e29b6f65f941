package dev.cliproxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The text of {@code config.yaml} as an editable document: a value set or removed at a key path
 * keeps the file's comments and key order. A changed scalar is replaced in the text itself, so
 * nothing else in the file moves; other edits re-render the file from its node tree (comments kept,
 * their indentation possibly tidied). Immutable: an edit gives a new document.
 */
public final class ConfigDocument {

  private static final String BOM = "\uFEFF";
  // "key:" followed, after blank and comment lines, by "- item": how far the file indents lists.
  private static final Pattern LIST_UNDER_KEY =
      Pattern.compile(
          "(?m)^( *)[^\\s#-][^\\n]*:[ \\t]*(?:#[^\\n]*)?\\n(?:[ \\t]*(?:#[^\\n]*)?\\n)*( *)- ");

  private static final Pattern DASH_COMMENT = Pattern.compile("( *)- (#.*)");

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
    document.root(); // fails now on a syntax error
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
    Node root = root();
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
    return new ConfigDocument(render(top), bom);
  }

  /** This document without the key at {@code path}; the same document when it has no such key. */
  public ConfigDocument without(List<String> path) {
    requirePath(path);
    Node root = root();
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
    return new ConfigDocument(render(root), bom);
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
    String written = scalarText((ScalarNode) fresh, old.getScalarStyle());
    int from = text.offsetByCodePoints(0, start.getIndex());
    int to = text.offsetByCodePoints(0, end.getIndex());
    return Optional.of(text.substring(0, from) + written + text.substring(to));
  }

  /** A scalar written on one line: plain when YAML reads it back as the same value, else quoted. */
  private static String scalarText(ScalarNode scalar, DumperOptions.ScalarStyle oldStyle) {
    String value = scalar.getValue();
    if (!scalar.getTag().equals(Tag.STR)) {
      return value;
    }
    if (oldStyle == DumperOptions.ScalarStyle.SINGLE_QUOTED && value.indexOf('\n') < 0) {
      return "'" + value.replace("'", "''") + "'";
    }
    if (oldStyle != DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
      StringWriter out = new StringWriter();
      yaml(false).serialize(scalar, out);
      String plain = out.toString().strip();
      if (plain.equals(value)) {
        return plain;
      }
    }
    return JsonNodeFactory.instance.textNode(value).toString();
  }

  private Node root() {
    try {
      return yaml(false).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      String where =
          mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      throw new ConfigException(
          "", where, e.getContext() == null ? problem : e.getContext() + ": " + problem);
    } catch (YAMLException e) {
      throw new ConfigException("", "", "invalid YAML (" + firstLine(e.getMessage()) + ")");
    }
  }

  private String render(Node root) {
    if (root instanceof MappingNode mapping && mapping.getValue().isEmpty()) {
      return mapping.getEndComments() == null ? "" : renderWith(root);
    }
    return renderWith(root);
  }

  private String renderWith(Node root) {
    StringWriter out = new StringWriter();
    yaml(indentsLists()).serialize(root, out);
    String rendered = commentsBeforeItems(out.toString().replaceAll("(?m)^[ \\t]+$", ""));
    return text.contains("\r\n") ? rendered.replace("\n", "\r\n") : rendered;
  }

  /**
   * SnakeYAML writes the comment above a list item that is a mapping after its dash ({@code - #
   * note}, the keys on the next line); this puts it back above the item.
   */
  private static String commentsBeforeItems(String rendered) {
    List<String> lines = new ArrayList<>(rendered.lines().toList());
    for (int i = 0; i < lines.size(); i++) {
      Matcher dash = DASH_COMMENT.matcher(lines.get(i));
      if (!dash.matches()) {
        continue;
      }
      String indent = dash.group(1);
      String inner = indent + "  ";
      int content = i + 1;
      while (content < lines.size()
          && lines.get(content).startsWith(inner)
          && lines.get(content).substring(inner.length()).startsWith("#")) {
        content++;
      }
      if (content >= lines.size()
          || !lines.get(content).startsWith(inner)
          || lines.get(content).charAt(inner.length()) == ' ') {
        continue;
      }
      lines.set(i, indent + dash.group(2));
      for (int c = i + 1; c < content; c++) {
        lines.set(c, indent + lines.get(c).substring(inner.length()));
      }
      lines.set(content, indent + "- " + lines.get(content).substring(inner.length()));
      i = content;
    }
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** Whether the file writes "- item" indented under its key; yes for a file without lists. */
  private boolean indentsLists() {
    Matcher matcher = LIST_UNDER_KEY.matcher(text.replace("\r\n", "\n"));
    int indented = 0;
    int flush = 0;
    while (matcher.find()) {
      if (matcher.group(2).length() > matcher.group(1).length()) {
        indented++;
      } else {
        flush++;
      }
    }
    return indented >= flush;
  }

  private static Yaml yaml(boolean indentLists) {
    LoaderOptions loading = new LoaderOptions();
    loading.setProcessComments(true);
    loading.setAllowDuplicateKeys(true); // the loader names duplicates with their line
    DumperOptions dumping = new DumperOptions();
    dumping.setProcessComments(true);
    dumping.setIndent(2);
    dumping.setIndicatorIndent(indentLists ? 2 : 0);
    dumping.setIndentWithIndicator(indentLists);
    dumping.setWidth(Integer.MAX_VALUE);
    dumping.setSplitLines(false);
    dumping.setAllowUnicode(true);
    dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading);
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

  private static String firstLine(String message) {
    String line = message == null ? "" : message;
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline);
  }
}
