package dev.cliproxy.bench.mock;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What reply a chat request asks the mock for, read from the request body: {@code "stream":true}
 * and the benchmark's own field {@code "mock":{"events":N,"delay_ms":D}}. A body field (not a
 * header) is used because the proxy passes unknown JSON fields through but may drop headers.
 *
 * @param stream reply with SSE chunks instead of one JSON document
 * @param events number of content deltas in a stream
 * @param delayMs pause between two deltas
 */
record Shape(boolean stream, int events, int delayMs) {
  static final int DEFAULT_EVENTS = 20;
  static final int MAX_EVENTS = 100_000;
  static final int MAX_DELAY_MS = 10_000;

  private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
  private static final Pattern EVENTS = Pattern.compile("\"events\"\\s*:\\s*(\\d{1,9})");
  private static final Pattern DELAY = Pattern.compile("\"delay_ms\"\\s*:\\s*(\\d{1,9})");

  static Shape of(byte[] body, int length) {
    String text = new String(body, 0, length, StandardCharsets.ISO_8859_1);
    boolean stream = STREAM.matcher(text).find();
    int events = Math.min(number(EVENTS, text, DEFAULT_EVENTS), MAX_EVENTS);
    int delay = Math.min(number(DELAY, text, 0), MAX_DELAY_MS);
    return new Shape(stream, Math.max(events, 1), delay);
  }

  private static int number(Pattern p, String text, int fallback) {
    Matcher m = p.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : fallback;
  }
}
