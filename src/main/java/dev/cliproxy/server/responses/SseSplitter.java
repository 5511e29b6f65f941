package dev.cliproxy.server.responses;

import dev.cliproxy.dialect.sse.SseData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the server-sent-event bytes the gateway writes, in whatever parts they come, into the data
 * of each whole event: one WebSocket text message per event. Comments, bare {@code event:} lines
 * and OpenAI's {@code [DONE]} carry no message.
 */
final class SseSplitter {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** The data of every event completed by {@code bytes}, in order. */
  List<String> accept(byte[] bytes) {
    pending.write(bytes, 0, bytes.length);
    byte[] buffer = pending.toByteArray();
    List<String> data = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < buffer.length; i++) {
      if (buffer[i] != '\n') {
        continue;
      }
      int end = -1;
      if (i + 1 < buffer.length && buffer[i + 1] == '\n') {
        end = i + 2;
      } else if (i + 2 < buffer.length && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
        end = i + 3;
      }
      if (end > 0) {
        add(data, Arrays.copyOfRange(buffer, start, end));
        start = end;
        i = end - 1;
      }
    }
    pending.reset();
    pending.write(buffer, start, buffer.length - start);
    return data;
  }

  /** The data of a last event the stream ended without a blank line after. */
  List<String> rest() {
    List<String> data = new ArrayList<>();
    if (pending.size() > 0) {
      add(data, pending.toByteArray());
      pending.reset();
    }
    return data;
  }

  private static void add(List<String> out, byte[] event) {
    byte[] data = SseData.of(event);
    if (data != null && !SseData.isDone(data) && data.length > 0) {
      out.add(new String(data, StandardCharsets.UTF_8));
    }
  }
}
