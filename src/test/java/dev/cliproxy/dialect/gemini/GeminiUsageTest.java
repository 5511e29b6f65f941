package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Thoughts are counted once: inside canonical output, beside Gemini's candidates. */
class GeminiUsageTest {

  @Test
  void thoughtsAreNotCountedTwiceEitherWay() {
    Usage usage = new Usage(10, 4, 0, 8, 3);
    var written = GeminiUsage.write(usage);
    assertThat(written.path("promptTokenCount").asLong()).isEqualTo(14);
    assertThat(written.path("cachedContentTokenCount").asLong()).isEqualTo(4);
    assertThat(written.path("candidatesTokenCount").asLong()).isEqualTo(5);
    assertThat(written.path("thoughtsTokenCount").asLong()).isEqualTo(3);
    assertThat(written.path("totalTokenCount").asLong()).isEqualTo(22);
    assertThat(GeminiUsage.read(GeminiNode.answer(GeminiNode.bytes(written)))).isEqualTo(usage);
  }

  @Test
  void aGeminiAnswerWithThoughtsReadsAsOutputIncludingThem() {
    byte[] metadata =
        ("{\"promptTokenCount\":12,\"candidatesTokenCount\":3,\"thoughtsTokenCount\":7,"
                + "\"totalTokenCount\":22}")
            .getBytes(StandardCharsets.UTF_8);
    Usage usage = GeminiUsage.read(GeminiNode.answer(metadata));
    assertThat(usage).isEqualTo(new Usage(12, 0, 0, 10, 7));
    assertThat(usage.totalTokens()).isEqualTo(22);
  }
}
