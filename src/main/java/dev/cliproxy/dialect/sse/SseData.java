package dev.cliproxy.dialect.sse;

import java.nio.charset.StandardCharsets;

/** Reads and writes the {@code data:} payload of one raw server-sent event. */
public final class SseData {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private SseData() {}

  /**
   * The event's data: its {@code data:} lines joined by newlines, or {@code null} when it has none
   * (comments, bare {@code event:} lines).
   */
  public static byte[] of(byte[] event) {
    StringBuilder data = null;
    String text = new String(event, StandardCharsets.UTF_8);
    for (String line : text.split("\r?\n", -1)) {
      if (line.startsWith("data:")) {
        String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the data is OpenAI's end-of-stream marker {@code [DONE]}. */
  public static boolean isDone(byte[] data) {
    return java.util.Arrays.equals(data, DONE);
  }

  /** One {@code data: <payload>\n\n} event. */
  public static byte[] event(byte[] data) {
    byte[] out = new byte[data.length + 8];
    out[0] = 'd';
    out[1] = 'a';
    out[2] = 't';
    out[3] = 'a';
    out[4] = ':';
    out[5] = ' ';
    System.arraycopy(data, 0, out, 6, data.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  /** One {@code event: <name>\ndata: <payload>\n\n} event, as Claude and Responses send them. */
  public static byte[] namedEvent(String name, byte[] data) {
    byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + data.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }
}
