package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiCountRequestTest {

  @Test
  void aCodeAssistCountNamesItsModelInsideTheRequest() {
    assertThat(
            GeminiCountRequest.codeAssistModel(
                bytes("{\"request\":{\"model\":\"models/gemini-3-flash\",\"contents\":[]}}")))
        .hasValue("gemini-3-flash");
    assertThat(GeminiCountRequest.codeAssistModel(bytes("{\"request\":{\"model\":\"m\"}}")))
        .hasValue("m");
    assertThat(GeminiCountRequest.codeAssistModel(bytes("{\"contents\":[]}"))).isEmpty();
    assertThat(GeminiCountRequest.codeAssistModel(bytes("{\"request\":{\"model\":7}}"))).isEmpty();
    assertThat(GeminiCountRequest.codeAssistModel(bytes("not json"))).isEmpty();
  }

  @Test
  void aWrappedGenerateRequestIsWhatGetsCounted() {
    assertThat(
            new String(
                GeminiCountRequest.innerRequest(
                    bytes("{\"generateContentRequest\":{\"contents\":[]}}")),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"contents\":[]}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
