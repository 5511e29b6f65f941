package dev.cliproxy.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests of what the
 * proxy's {@code /metrics} says. It follows the format's specification and refuses what a
 * Prometheus server would refuse, and a little more: {@code # HELP} and {@code # TYPE} at most once
 * per metric and before its samples, the types counter, gauge, histogram, summary and untyped;
 * metric and label names of the allowed characters; label values in double quotes with only the
 * escapes {@code \\}, {@code \"} and {@code \n}; values as Go floats ({@code NaN}, {@code +Inf},
 * {@code -Inf}); an optional integer timestamp; each metric's lines together in one group; no
 * sample twice; and each histogram's buckets cumulative, with {@code le="+Inf"} equal to its {@code
 * _count} and a {@code _sum} for every label set.
 */
public final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
  private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line: its name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric: its name, type, help text and samples in the order they came. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  /** What a scrape said, metric by metric. */
  public record Scrape(Map<String, Family> families) {
    /** The metric named {@code name}; fails when there is none. */
    public Family family(String name) {
      Family family = families.get(name);
      if (family == null) {
        throw new AssertionError(
            "no metric " + name + " in the scrape; it has " + families.keySet());
      }
      return family;
    }

    /**
     * The sum of the values of samples named {@code sample} whose labels include all of {@code
     * labels} (pairs: name, value); 0 when none matches.
     */
    public double sum(String sample, String... labels) {
      Map<String, String> wanted = pairs(labels);
      return families.values().stream()
          .flatMap(f -> f.samples().stream())
          .filter(s -> s.name().equals(sample))
          .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet()))
          .mapToDouble(Sample::value)
          .sum();
    }
  }

  /** A text that breaks the format, with the line number and what is wrong. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(int line, String problem) {
      super("line " + line + ": " + problem);
    }
  }

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<String, String> helps = new LinkedHashMap<>();
  private final Set<String> closed = new HashSet<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> sampled = new HashSet<>();
  private String current;
  private int line;

  private PrometheusText() {}

  /** Parses a whole scrape; throws {@link Malformed} at the first thing wrong. */
  public static Scrape parse(String text) {
    PrometheusText parser = new PrometheusText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new Malformed(text.split("\n", -1).length, "the text must end with a line feed");
    }
    for (String row : text.split("\n", -1)) {
      parser.line++;
      parser.row(row);
    }
    parser.families.values().forEach(parser::checkHistogram);
    return new Scrape(Collections.unmodifiableMap(parser.families));
  }

  private void row(String row) {
    if (row.isBlank()) {
      return;
    }
    if (row.startsWith("#")) {
      comment(row);
      return;
    }
    sample(row);
  }

  private void comment(String row) {
    String[] parts = row.substring(1).strip().split("[ \t]+", 3);
    if (parts.length < 2 || !(parts[0].equals("HELP") || parts[0].equals("TYPE"))) {
      return; // any other comment
    }
    String name = parts[1];
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new Malformed(line, "invalid metric name '" + name + "'");
    }
    if (sampled.contains(name) || closed.contains(name)) {
      throw new Malformed(line, parts[0] + " for " + name + " after its samples");
    }
    if (parts[0].equals("TYPE")) {
      if (parts.length < 3 || !TYPES.contains(parts[2].strip())) {
        throw new Malformed(line, "TYPE of " + name + " must be one of " + TYPES);
      }
      if (types.putIfAbsent(name, parts[2].strip()) != null) {
        throw new Malformed(line, "a second TYPE for " + name);
      }
    } else {
      String help = parts.length < 3 ? "" : unescape(parts[2], false);
      if (helps.putIfAbsent(name, help) != null) {
        throw new Malformed(line, "a second HELP for " + name);
      }
    }
    open(name);
  }

  private void sample(String row) {
    int at = 0;
    while (at < row.length() && row.charAt(at) != '{' && row.charAt(at) != ' ') {
      at++;
    }
    String name = row.substring(0, at);
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new Malformed(line, "invalid metric name '" + name + "'");
    }
    Map<String, String> labels = new TreeMap<>();
    if (at < row.length() && row.charAt(at) == '{') {
      at = labels(row, at + 1, labels);
    }
    String[] rest = row.substring(at).strip().split(" +");
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      throw new Malformed(line, "a sample is a name, labels, a value and an optional timestamp");
    }
    double value = value(rest[0]);
    if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
      throw new Malformed(line, "invalid timestamp '" + rest[1] + "'");
    }
    String family = familyOf(name);
    open(family);
    sampled.add(family);
    if (!seen.add(name + labels)) {
      throw new Malformed(line, "the sample " + name + labels + " twice");
    }
    families
        .computeIfAbsent(
            family,
            f ->
                new Family(
                    f,
                    types.getOrDefault(f, "untyped"),
                    helps.getOrDefault(f, ""),
                    new ArrayList<>()))
        .samples()
        .add(new Sample(name, Collections.unmodifiableMap(labels), value));
  }

  /** Reads labels after the opening brace; returns the index after the closing one. */
  private int labels(String row, int at, Map<String, String> labels) {
    while (true) {
      if (at < row.length() && row.charAt(at) == '}') {
        return at + 1;
      }
      int equals = row.indexOf('=', at);
      if (equals < 0) {
        throw new Malformed(line, "a label without '='");
      }
      String name = row.substring(at, equals);
      if (!LABEL_NAME.matcher(name).matches()) {
        throw new Malformed(line, "invalid label name '" + name + "'");
      }
      if (equals + 1 >= row.length() || row.charAt(equals + 1) != '"') {
        throw new Malformed(line, "the value of label " + name + " must be in double quotes");
      }
      StringBuilder raw = new StringBuilder();
      int i = equals + 2;
      for (; i < row.length() && row.charAt(i) != '"'; i++) {
        raw.append(row.charAt(i));
        if (row.charAt(i) == '\\' && i + 1 < row.length()) {
          raw.append(row.charAt(++i));
        }
      }
      if (i >= row.length()) {
        throw new Malformed(line, "the value of label " + name + " is not closed");
      }
      if (labels.put(name, unescape(raw.toString(), true)) != null) {
        throw new Malformed(line, "label " + name + " twice");
      }
      at = i + 1;
      if (at < row.length() && row.charAt(at) == ',') {
        at++;
      } else if (at >= row.length() || row.charAt(at) != '}') {
        throw new Malformed(line, "labels must be separated by ',' and closed by '}'");
      }
    }
  }

  private String unescape(String text, boolean quotes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = i + 1 < text.length() ? text.charAt(++i) : ' ';
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case '"' -> {
          if (!quotes) {
            throw new Malformed(line, "invalid escape \\\" in HELP");
          }
          out.append('"');
        }
        default -> throw new Malformed(line, "invalid escape \\" + next);
      }
    }
    return out.toString();
  }

  private double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        if (!FLOAT.matcher(text).matches()) {
          throw new Malformed(line, "invalid value '" + text + "'");
        }
        yield Double.parseDouble(text);
      }
    };
  }

  /** The metric a sample belongs to: a histogram's or summary's for its suffixed samples. */
  private String familyOf(String sample) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
          return base;
        }
      }
    }
    return sample;
  }

  /** Makes {@code family} the group being read; a group cannot be reopened once left. */
  private void open(String family) {
    if (Objects.equals(current, family)) {
      return;
    }
    if (closed.contains(family)) {
      throw new Malformed(line, "the lines of " + family + " are not in one group");
    }
    if (current != null) {
      closed.add(current);
    }
    current = family;
  }

  private void checkHistogram(Family family) {
    if (!family.type().equals("histogram")) {
      return;
    }
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    Set<Map<String, String>> sums = new HashSet<>();
    for (Sample sample : family.samples()) {
      Map<String, String> series = new TreeMap<>(sample.labels());
      if (sample.name().endsWith("_bucket")) {
        String le = series.remove("le");
        if (le == null) {
          throw new Malformed(0, family.name() + ": a bucket without le");
        }
        value(le);
        buckets.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
      } else if (sample.name().endsWith("_count")) {
        counts.put(series, sample.value());
      } else if (sample.name().endsWith("_sum")) {
        sums.add(series);
      } else {
        throw new Malformed(0, family.name() + ": histogram sample " + sample.name());
      }
    }
    buckets.forEach((series, list) -> {
      double previousLe = Double.NEGATIVE_INFINITY;
      double previous = 0;
      for (Sample bucket : list) {
        double le = value(bucket.labels().get("le"));
        if (le <= previousLe || bucket.value() < previous) {
          throw new Malformed(0, family.name() + series + ": buckets not cumulative in order");
        }
        previousLe = le;
        previous = bucket.value();
      }
      if (previousLe != Double.POSITIVE_INFINITY) {
        throw new Malformed(0, family.name() + series + ": no le=\"+Inf\" bucket");
      }
      if (!Objects.equals(counts.get(series), previous)) {
        throw new Malformed(0, family.name() + series + ": _count is not the +Inf bucket");
      }
      if (!sums.contains(series)) {
        throw new Malformed(0, family.name() + series + ": no _sum");
      }
    });
    if (!buckets.keySet().containsAll(counts.keySet())) {
      throw new Malformed(0, family.name() + ": a _count without buckets");
    }
  }

  private static Map<String, String> pairs(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in pairs: name, value");
    }
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      out.put(labels[i], labels[i + 1]);
    }
    return out;
  }
}
