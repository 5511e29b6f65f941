package dev.cliproxy.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LegacyCompletionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(byte[] b) throws Exception {
    return JSON.readTree(b);
  }

  @Test
  void thePromptBecomesOneUserMessageAndSamplingIsKept() throws Exception {
    JsonNode chat =
        json(
            LegacyCompletions.toChatRequest(
                "{\"model\":\"m\",\"prompt\":\"Say hi\",\"max_tokens\":5,\"temperature\":0.2,\"stream\":true,\"echo\":false}"
                    .getBytes()));

    assertThat(chat.toString())
        .isEqualTo(
            "{\"model\":\"m\",\"max_tokens\":5,\"temperature\":0.2,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}");
  }

  @Test
  void batchedPromptsAreRefusedSayingWhy() {
    assertThatThrownBy(() ->
            LegacyCompletions.toChatRequest(
                "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}".getBytes()))
        .hasMessageContaining("batched");
  }

  @Test
  void aChatAnswerBecomesATextCompletion() throws Exception {
    JsonNode out =
        json(
            LegacyCompletions.fromChatResponse(
                ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":5,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                        + "\"finish_reason\":\"length\"}],\"usage\":{\"total_tokens\":3}}")
                    .getBytes()));

    assertThat(out.toString())
        .isEqualTo(
            "{\"id\":\"c1\",\"object\":\"text_completion\",\"created\":5,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"text\":\"hi\",\"logprobs\":null,\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"total_tokens\":3}}");
  }

  @Test
  void chunksWithTextOrFinishAreKeptAndRoleOnlyChunksDropped() throws Exception {
    assertThat(
            LegacyCompletions.fromChatChunk(
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}"
                    .getBytes()))
        .isNull();
    JsonNode text =
        json(
            LegacyCompletions.fromChatChunk(
                "{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"He\"},\"finish_reason\":null}]}"
                    .getBytes()));
    assertThat(text.path("choices").get(0).path("text").asText()).isEqualTo("He");
    assertThat(text.path("object").asText()).isEqualTo("text_completion");
    JsonNode finish =
        json(
            LegacyCompletions.fromChatChunk(
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"
                    .getBytes()));
    assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
  }
}
