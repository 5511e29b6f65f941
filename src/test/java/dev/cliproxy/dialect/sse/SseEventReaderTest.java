package dev.cliproxy.dialect.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

  private static List<String> events(InputStream in, int max) throws IOException {
    SseEventReader reader = new SseEventReader(in, max);
    List<String> out = new ArrayList<>();
    byte[] e;
    while ((e = reader.next()) != null) {
      out.add(new String(e, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Delivers the bytes one at a time, the worst case for boundary detection. */
  private static InputStream trickle(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      int i;

      @Override
      public int read() {
        return i < bytes.length ? bytes[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (i >= bytes.length) {
          return -1;
        }
        b[off] = bytes[i++];
        return 1;
      }
    };
  }

  @Test
  void splitsOnBlankLinesKeepingEveryByte() throws IOException {
    String stream =
        "data: {\"a\":1}\n\nevent: message_start\ndata: {\"b\":2}\n\n: keep-alive\n\ndata: [DONE]\n\n";

    assertThat(events(trickle(stream), 1 << 20))
        .containsExactly(
            "data: {\"a\":1}\n\n",
            "event: message_start\ndata: {\"b\":2}\n\n",
            ": keep-alive\n\n",
            "data: [DONE]\n\n");
  }

  @Test
  void handlesCrLfLineEndings() throws IOException {
    assertThat(events(trickle("data: 1\r\n\r\ndata: 2\r\n\r\n"), 1024))
        .containsExactly("data: 1\r\n\r\n", "data: 2\r\n\r\n");
  }

  @Test
  void returnsAPartialLastEventAtEndOfStream() throws IOException {
    assertThat(events(new ByteArrayInputStream("data: 1\n\ndata: 2\n".getBytes()), 1024))
        .containsExactly("data: 1\n\n", "data: 2\n");
  }

  @Test
  void growsForLargeEventsAndRefusesHugeOnes() throws IOException {
    String big = "data: " + "x".repeat(100_000) + "\n\n";
    assertThat(events(new ByteArrayInputStream(big.getBytes()), 1 << 20)).containsExactly(big);

    assertThatThrownBy(() -> events(new ByteArrayInputStream(big.getBytes()), 50_000))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than 50000 bytes");
  }

  @Test
  void dataOfAnEventJoinsItsDataLines() {
    assertThat(SseData.of("event: x\ndata: a\ndata:b\n\n".getBytes())).asString().isEqualTo("a\nb");
    assertThat(SseData.of(": comment\n\n".getBytes())).isNull();
    assertThat(SseData.isDone(SseData.of("data: [DONE]\n\n".getBytes()))).isTrue();
  }
}
