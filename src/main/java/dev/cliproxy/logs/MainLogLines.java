package dev.cliproxy.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The lines of the main log, as CLIProxyAPI's {@code GET /logs} answers them: every file oldest
 * first ({@code main.log} last), the lines stamped after {@code after} (a line without a stamp goes
 * with the stamped line before it), the last {@code limit} of them.
 */
public final class MainLogLines {
  /** The most lines one answer holds, whatever the limit. */
  static final int MAX_LINES = 50_000;

  /** A line longer than this is cut; a runaway line must not fill the answer. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private static final Pattern STAMP =
      Pattern.compile("^\\[?([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})");
  private static final DateTimeFormatter STAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private MainLogLines() {}

  /**
   * What {@code GET /logs} answers.
   *
   * @param lines the lines kept, oldest first
   * @param lineCount every line read, before filtering
   * @param latestTimestamp the latest stamp seen (Unix seconds), or {@code after} when later
   */
  public record Page(List<String> lines, long lineCount, long latestTimestamp) {}

  /**
   * Reads {@code files} (main log files, oldest first).
   *
   * @param after keep only lines stamped later than this (Unix seconds); empty keeps all
   * @param limit keep only the last this many lines
   * @param zone the zone the stamps are written in
   */
  public static Page read(List<Path> files, OptionalLong after, int limit, ZoneId zone)
      throws IOException {
    int kept = Math.min(limit, MAX_LINES);
    ArrayDeque<String> lines = new ArrayDeque<>();
    long count = 0;
    long latest = 0;
    boolean keep = after.isEmpty();
    for (Path file : files) {
      try (BufferedReader reader = reader(file)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          count++;
          OptionalLong stamp = stampOf(line, zone);
          if (stamp.isPresent()) {
            latest = Math.max(latest, stamp.getAsLong());
            keep = after.isEmpty() || stamp.getAsLong() > after.getAsLong();
          }
          if (keep) {
            lines.addLast(
                line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line);
            if (lines.size() > kept) {
              lines.removeFirst();
            }
          }
        }
      } catch (NoSuchFileException rolledAway) {
        // rolled or deleted while read
      }
    }
    if (after.isPresent()) {
      latest = Math.max(latest, after.getAsLong());
    }
    return new Page(List.copyOf(lines), count, latest);
  }

  private static BufferedReader reader(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static OptionalLong stampOf(String line, ZoneId zone) {
    Matcher m = STAMP.matcher(line);
    if (!m.lookingAt()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(
          LocalDateTime.parse(m.group(1), STAMP_FORMAT).atZone(zone).toEpochSecond());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }
}
