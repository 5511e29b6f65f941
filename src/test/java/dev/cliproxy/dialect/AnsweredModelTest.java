package dev.cliproxy.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnsweredModelTest {
  private final AnsweredModel asked = new AnsweredModel("claude-opus-4-5");

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String body(String json) {
    return new String(asked.inBody(bytes(json)), StandardCharsets.UTF_8);
  }

  private String event(String sse) {
    return new String(asked.inEvent(bytes(sse)), StandardCharsets.UTF_8);
  }

  @Test
  void wholeAnswersOfEveryDialectReportTheAskedModel() {
    assertThat(body("{\"id\":\"c1\",\"model\":\"gpt-5\",\"choices\":[]}"))
        .isEqualTo("{\"id\":\"c1\",\"model\":\"claude-opus-4-5\",\"choices\":[]}");
    assertThat(body("{\"candidates\":[],\"modelVersion\":\"gemini-2.5-pro\"}"))
        .isEqualTo("{\"candidates\":[],\"modelVersion\":\"claude-opus-4-5\"}");
    assertThat(body("{\"response\":{\"candidates\":[],\"modelVersion\":\"gemini-2.5-pro\"}}"))
        .isEqualTo("{\"response\":{\"candidates\":[],\"modelVersion\":\"claude-opus-4-5\"}}");
  }

  @Test
  void numbersAndKeyOrderSurviveTheRename() {
    assertThat(body("{\"z\":0.1000000000000000055511151231257827,\"model\":\"x\",\"a\":1e400}"))
        .isEqualTo(
            "{\"z\":0.1000000000000000055511151231257827,\"model\":\"claude-opus-4-5\",\"a\":1E+400}");
  }

  @Test
  void claudeAndResponsesStreamsCarryTheModelOneLevelDown() {
    assertThat(
            event(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                    + "\"model\":\"claude-sonnet-4-5\"}}\n\n"))
        .isEqualTo(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"model\":\"claude-opus-4-5\"}}\n\n");
    assertThat(
            event(
                "event: response.created\r\ndata: {\"type\":\"response.created\",\"response\":"
                    + "{\"model\":\"gpt-5\"}}\r\n\r\n"))
        .isEqualTo(
            "event: response.created\r\ndata: {\"type\":\"response.created\",\"response\":"
                + "{\"model\":\"claude-opus-4-5\"}}\r\n\r\n");
  }

  @Test
  void whatNamesNoModelOrIsNotJsonIsLeftAsItWas() {
    byte[] delta =
        bytes("data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"hi\"}}\n\n");
    assertThat(asked.inEvent(delta)).isSameAs(delta);
    byte[] done = bytes("data: [DONE]\n\n");
    assertThat(asked.inEvent(done)).isSameAs(done);
    byte[] text = bytes("model: not json");
    assertThat(asked.inBody(text)).isSameAs(text);
    byte[] already = bytes("{\"model\":\"claude-opus-4-5\"}");
    assertThat(asked.inBody(already)).isSameAs(already);
    byte[] textMentioningModel = bytes("data: {\"delta\":{\"text\":\"the model said\"}}\n\n");
    assertThat(asked.inEvent(textMentioningModel)).isSameAs(textMentioningModel);
  }

  @Test
  void multiLineDataBecomesOneLine() {
    assertThat(event("id: 7\ndata: {\"model\":\ndata: \"gpt-5\"}\n\n"))
        .isEqualTo("id: 7\ndata: {\"model\":\"claude-opus-4-5\"}\n\n");
  }
}
