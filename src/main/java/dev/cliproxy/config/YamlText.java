package dev.cliproxy.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * SnakeYAML's node API set up for {@link ConfigDocument}: text to a node tree with its comments,
 * and a node tree back to text in the file's own style (two-space indentation, lists indented as
 * the file indents them, no line folding).
 */
final class YamlText {
  // "key:" followed, after blank and comment lines, by "- item": how far the file indents lists.
  private static final Pattern LIST_UNDER_KEY =
      Pattern.compile(
          "(?m)^( *)[^\\s#-][^\\n]*:[ \\t]*(?:#[^\\n]*)?\\n(?:[ \\t]*(?:#[^\\n]*)?\\n)*( *)- ");

  private static final Pattern DASH_COMMENT = Pattern.compile("( *)- (#.*)");

  private YamlText() {}

  /** The node tree of a document's text (null for an empty one), its comments attached. */
  static Node compose(String text) {
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

  /**
   * The text of a node tree, written the way {@code original} is: its list indentation, its line
   * ends; blank lines without trailing spaces and comments above list items kept above them.
   */
  static String render(Node root, String original) {
    if (root instanceof MappingNode mapping && mapping.getValue().isEmpty()) {
      return mapping.getEndComments() == null ? "" : renderWith(root, original);
    }
    return renderWith(root, original);
  }

  private static String renderWith(Node root, String original) {
    StringWriter out = new StringWriter();
    yaml(indentsLists(original)).serialize(root, out);
    String rendered = commentsBeforeItems(out.toString().replaceAll("(?m)^[ \\t]+$", ""));
    return original.contains("\r\n") ? rendered.replace("\n", "\r\n") : rendered;
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
  private static boolean indentsLists(String text) {
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

  /** A scalar written on one line: plain when YAML reads it back as the same value, else quoted. */
  static String scalarText(ScalarNode scalar, DumperOptions.ScalarStyle oldStyle) {
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

  private static String firstLine(String message) {
    String line = message == null ? "" : message;
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline);
  }
}
