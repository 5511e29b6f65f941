package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 1M-context beta taken out of Anthropic-Beta, the rest kept in order. */
class AnthropicBetaTest {

  @Test
  void exactlyTheContext1mBetaIsDroppedAndTheRestJoinedWithoutSpaces() {
    assertThat(
            AnthropicBeta.withoutContext1m(
                " interleaved-thinking-2025-05-14 , context-1m-2025-08-07,,oauth-2025-04-20 "))
        .contains("interleaved-thinking-2025-05-14,oauth-2025-04-20");
    assertThat(AnthropicBeta.withoutContext1m("context-1m-2025-08-07x,Context-1M-2025-08-07"))
        .as("only the exact name")
        .contains("context-1m-2025-08-07x,Context-1M-2025-08-07");
    assertThat(AnthropicBeta.withoutContext1m("a")).contains("a");
  }

  @Test
  void nothingLeftMeansNoHeader() {
    assertThat(AnthropicBeta.withoutContext1m("context-1m-2025-08-07")).isEmpty();
    assertThat(AnthropicBeta.withoutContext1m(" context-1m-2025-08-07 , ,")).isEmpty();
    assertThat(AnthropicBeta.withoutContext1m("")).isEmpty();
    assertThat(AnthropicBeta.withoutContext1m(null)).isEmpty();
  }
}
