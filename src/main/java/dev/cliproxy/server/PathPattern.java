package dev.cliproxy.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path a module mounts, such as {@code /v1/messages}, {@code
 * /api/provider/{provider}/v1/messages} or {@code /v0/management/*}.
 *
 * <p>Segments are literal, or a {@code {name}} that matches one whole non-empty segment, optionally
 * followed by a literal suffix ({@code /v1beta/models/{model}:generateContent}) or, in Google's
 * {@code collection:verb} form, preceded by a literal ending in {@code :} ({@code
 * /v1internal:{method}}). A trailing {@code /*} makes a prefix: it matches the path before it and
 * everything below it, whole segments only, and names the rest {@code *} ({@code ""} for the path
 * itself).
 */
public final class PathPattern {
  /** The param name of what a prefix pattern's {@code /*} matched. */
  public static final String REST = "*";

  private static final Pattern PARAM =
      Pattern.compile("((?:[^{}*]*:)?)\\{([A-Za-z][A-Za-z0-9_]*)}([^{}*]*)");

  private final String text;
  private final List<Segment> segments;
  private final boolean prefix;

  private sealed interface Segment {}

  private record Literal(String text) implements Segment {}

  private record Param(String prefix, String name, String suffix) implements Segment {}

  private PathPattern(String text, List<Segment> segments, boolean prefix) {
    this.text = text;
    this.segments = segments;
    this.prefix = prefix;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException naming the pattern and what is wrong with it
   */
  public static PathPattern of(String pattern) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("path pattern " + pattern + " must start with /");
    }
    boolean prefix = pattern.endsWith("/*");
    String base = prefix ? pattern.substring(0, pattern.length() - 2) : pattern;
    List<Segment> segments = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String part : prefix && base.isEmpty() ? List.<String>of() : split(base)) {
      var param = PARAM.matcher(part);
      if (param.matches()) {
        if (!names.add(param.group(2))) {
          throw new IllegalArgumentException(
              "path pattern " + pattern + " names {" + param.group(2) + "} twice");
        }
        segments.add(new Param(param.group(1), param.group(2), param.group(3)));
      } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0 || part.indexOf('*') >= 0) {
        throw new IllegalArgumentException(
            "path pattern "
                + pattern
                + ": segment '"
                + part
                + "' must be literal, {name}, {name}suffix or prefix:{name}, and * may only end a"
                + " pattern as /*");
      } else {
        segments.add(new Literal(part));
      }
    }
    return new PathPattern(pattern, List.copyOf(segments), prefix);
  }

  /** The params of {@code path} (a decoded path starting with /) if it matches, else empty. */
  public Optional<Map<String, String>> match(String path) {
    return path.startsWith("/") ? match(segments(path)) : Optional.empty();
  }

  /** The segments of a decoded path starting with /, split once for a whole table's patterns. */
  static List<String> segments(String path) {
    return split(path);
  }

  /** The params of a path already split into {@link #segments} if it matches, else empty. */
  Optional<Map<String, String>> match(List<String> parts) {
    if (prefix ? parts.size() < segments.size() : parts.size() != segments.size()) {
      return Optional.empty();
    }
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i) instanceof Literal literal && !literal.text().equals(parts.get(i))) {
        return Optional.empty();
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i) instanceof Param param) {
        String part = parts.get(i);
        int fixed = param.prefix().length() + param.suffix().length();
        if (part.length() <= fixed
            || !part.startsWith(param.prefix())
            || !part.endsWith(param.suffix())) {
          return Optional.empty();
        }
        params.put(
            param.name(),
            part.substring(param.prefix().length(), part.length() - param.suffix().length()));
      }
    }
    if (prefix) {
      params.put(REST, String.join("/", parts.subList(segments.size(), parts.size())));
    }
    return Optional.of(params);
  }

  private static List<String> split(String path) {
    return List.of(path.substring(1).split("/", -1));
  }

  @Override
  public String toString() {
    return text;
  }
}
