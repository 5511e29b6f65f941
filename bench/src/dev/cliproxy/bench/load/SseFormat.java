package dev.cliproxy.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * How one client dialect's SSE stream marks a content delta and its end, as seen by
 * {@link SseRecorder} (an event's lines concatenated, without line ends). OpenAI Chat: a delta is
 * a {@code data:} event holding the mock's {@code tok@} stamp, the end is {@code data: [DONE]}.
 * Claude Messages: named events, a delta is {@code event: content_block_delta}, the end is
 * {@code event: message_stop}.
 */
enum SseFormat {
  OPENAI(Marker.anywhere("tok@"), Marker.anywhere("[DONE]")),
  CLAUDE(Marker.eventName("content_block_delta"), Marker.eventName("message_stop"));

  private final Marker delta;
  private final Marker end;

  SseFormat(Marker delta, Marker end) {
    this.delta = delta;
    this.end = end;
  }

  boolean isDelta(byte[] event, int length) {
    return delta.in(event, length);
  }

  boolean isEnd(byte[] event, int length) {
    return end.in(event, length);
  }

  /** The end event's name for error messages: {@code [DONE]} or {@code message_stop}. */
  String endName() {
    return end.text;
  }

  /** Bytes found anywhere in the event, or as its name ({@code event:} line first). */
  private record Marker(String text, byte[] bytes, boolean isName) {
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);

    static Marker anywhere(String text) {
      return new Marker(text, text.getBytes(StandardCharsets.US_ASCII), false);
    }

    static Marker eventName(String name) {
      return new Marker(name, name.getBytes(StandardCharsets.US_ASCII), true);
    }

    boolean in(byte[] event, int length) {
      if (!isName) return SseRecorder.indexOf(event, length, bytes) >= 0;
      if (!startsWith(event, length, 0, EVENT)) return false;
      int at = EVENT.length < length && event[EVENT.length] == ' ' ? EVENT.length + 1 : EVENT.length;
      return startsWith(event, length, at, bytes);
    }

    private static boolean startsWith(byte[] event, int length, int at, byte[] prefix) {
      if (at + prefix.length > length) return false;
      for (int i = 0; i < prefix.length; i++) if (event[at + i] != prefix[i]) return false;
      return true;
    }
  }
}
