package dev.cliproxy.server.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseSplitterTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEventSplitAcrossPartsBecomesOneMessageOnceItsBlankLineArrives() {
    SseSplitter splitter = new SseSplitter();

    assertThat(splitter.accept(bytes("event: response.created\ndata: {\"a\":"))).isEmpty();
    assertThat(splitter.accept(bytes("1}\n"))).isEmpty();
    assertThat(splitter.accept(bytes("\nevent: x\ndata: {\"b\":2}\r\n\r\ndata: {\"c\"")))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
    assertThat(splitter.rest()).containsExactly("{\"c\"");
    assertThat(splitter.rest()).isEmpty();
  }

  @Test
  void commentsBareEventLinesAndDoneCarryNoMessage() {
    SseSplitter splitter = new SseSplitter();

    assertThat(splitter.accept(bytes(": keep-alive\n\nevent: ping\n\ndata: [DONE]\n\n"))).isEmpty();
  }

  @Test
  void severalDataLinesAreJoinedByNewlines() {
    assertThat(new SseSplitter().accept(bytes("data: {\"a\":\ndata: 1}\n\n")))
        .containsExactly("{\"a\":\n1}");
  }
}
