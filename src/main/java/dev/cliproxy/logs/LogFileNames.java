package dev.cliproxy.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of request and error logs: {@code request-<id>.log} and {@code error-<id>.log}, where
 * the id is the UTC time the request came in and a random tail ({@code
 * 20261204-021500-123-a1b2c3}), so that names sort oldest first.
 */
final class LogFileNames {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{6}");
  private static final Pattern NAME =
      Pattern.compile("(request|error)-(" + ID.pattern() + ")\\.log");

  private LogFileNames() {}

  /** A fresh id for a request that came in at {@code started}. */
  static String newId(Instant started) {
    byte[] tail = new byte[3];
    ThreadLocalRandom.current().nextBytes(tail);
    return STAMP.format(started) + "-" + HexFormat.of().formatHex(tail);
  }

  /** Whether {@code id} has the shape of an id. */
  static boolean isId(String id) {
    return ID.matcher(id).matches();
  }

  /** The id of a request or error log's name; empty for any other name. */
  static Optional<String> idOf(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
  }

  /** Whether {@code name} is a request or error log's. */
  static boolean isOwn(String name) {
    return NAME.matcher(name).matches();
  }

  /** Whether {@code name} is an error log's. */
  static boolean isError(String name) {
    return isOwn(name) && name.startsWith(RequestLogEntry.Kind.ERROR.prefix());
  }
}
