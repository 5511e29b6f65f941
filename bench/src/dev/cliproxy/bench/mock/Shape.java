package dev.cliproxy.bench.mock;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What reply a chat request asks the mock for, read from the request body: {@code "stream":true}
 * and either the benchmark's own field {@code "mock":{"events":N,"delay_ms":D}} or, when that field
 * is absent, the text marker {@code bench-mock events=N delay_ms=D} (its last occurrence, i.e. in
 * the last message). A body field (not a header) is used because the proxy passes unknown JSON
 * fields of an OpenAI request through but may drop headers. A request translated from another
 * dialect loses unknown fields (the Claude decoder keeps only what it knows), but message text
 * always survives, so such clients put the marker in their last user message.
 *
 * @param stream reply with SSE chunks instead of one JSON document
 * @param events number of content deltas in a stream
 * @param delayMs pause between two deltas
 */
public record Shape(boolean stream, int events, int delayMs) {
  static final int DEFAULT_EVENTS = 20;
  static final int MAX_EVENTS = 100_000;
  static final int MAX_DELAY_MS = 10_000;

  private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
  private static final Pattern EVENTS = Pattern.compile("\"events\"\\s*:\\s*(\\d{1,9})");
  private static final Pattern DELAY = Pattern.compile("\"delay_ms\"\\s*:\\s*(\\d{1,9})");
  private static final Pattern MARKER =
      Pattern.compile("bench-mock events=(\\d{1,9}) delay_ms=(\\d{1,9})");

  /** The text marker a client puts in its last user message to choose the reply. */
  public static String marker(int events, int delayMs) {
    return "bench-mock events=" + events + " delay_ms=" + delayMs;
  }

  static Shape of(byte[] body, int length) {
    String text = new String(body, 0, length, StandardCharsets.ISO_8859_1);
    boolean stream = STREAM.matcher(text).find();
    int events;
    int delay;
    Matcher field = EVENTS.matcher(text);
    if (field.find()) {
      events = Integer.parseInt(field.group(1));
      delay = number(DELAY, text, 0);
    } else {
      Matcher m = MARKER.matcher(text);
      String[] last = null;
      while (m.find()) last = new String[] {m.group(1), m.group(2)};
      events = last == null ? DEFAULT_EVENTS : Integer.parseInt(last[0]);
      delay = last == null ? 0 : Integer.parseInt(last[1]);
    }
    return new Shape(
        stream, Math.max(Math.min(events, MAX_EVENTS), 1), Math.min(delay, MAX_DELAY_MS));
  }

  private static int number(Pattern p, String text, int fallback) {
    Matcher m = p.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : fallback;
  }
}
