package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Gemini thinking suffixes taken off before the served check, and the names left alone. */
class GeminiModelNameTest {

  @Test
  void geminiThinkingSuffixesComeOff() {
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-pro-thinking-8192"))
        .isEqualTo("gemini-2.5-pro");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-flash-thinking-0"))
        .isEqualTo("gemini-2.5-flash");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-pro-thinking-1024-extra"))
        .as("digits and anything after them")
        .isEqualTo("gemini-2.5-pro");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-flash-nothinking"))
        .isEqualTo("gemini-2.5-flash");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-pro-reasoning"))
        .isEqualTo("gemini-2.5-pro");
    assertThat(GeminiModelName.withoutThinkingSuffix("Gemini-2.5-Pro-NoThinking"))
        .as("any case; the rest as written")
        .isEqualTo("Gemini-2.5-Pro");
  }

  @Test
  void otherNamesStayAsTheyAre() {
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-pro")).isEqualTo("gemini-2.5-pro");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-pro-thinking-high"))
        .as("no digit after -thinking-")
        .isEqualTo("gemini-2.5-pro-thinking-high");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-2.5-pro-thinking-"))
        .isEqualTo("gemini-2.5-pro-thinking-");
    assertThat(GeminiModelName.withoutThinkingSuffix("claude-opus-4-5-thinking-8192"))
        .as("only gemini- names")
        .isEqualTo("claude-opus-4-5-thinking-8192");
    assertThat(GeminiModelName.withoutThinkingSuffix("gpt-5-reasoning"))
        .isEqualTo("gpt-5-reasoning");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-nothinking"))
        .as("nothing left but the prefix")
        .isEqualTo("gemini-nothinking");
    assertThat(GeminiModelName.withoutThinkingSuffix("gemini-thinking-8"))
        .isEqualTo("gemini-thinking-8");
    assertThat(GeminiModelName.withoutThinkingSuffix("")).isEmpty();
  }
}
