package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.Reasoning.Effort;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Reasoning becomes the thinkingConfig of the Gemini model it goes to (ref §3.4). */
class GeminiThinkingTest {
  private static Reasoning effort(Effort effort) {
    return new Reasoning(Optional.of(effort), OptionalInt.empty(), false);
  }

  private static Reasoning budget(int budget) {
    return new Reasoning(Optional.empty(), OptionalInt.of(budget), true);
  }

  private static String config(String model, Reasoning reasoning) {
    return GeminiThinking.config(model, reasoning).toString();
  }

  @Test
  void gemini25BudgetsAreClampedToTheModelsRange() {
    assertThat(config("gemini-2.5-flash", effort(Effort.XHIGH)))
        .isEqualTo("{\"thinkingBudget\":24576,\"includeThoughts\":true}");
    assertThat(config("gemini-2.5-pro", effort(Effort.XHIGH)))
        .isEqualTo("{\"thinkingBudget\":32768,\"includeThoughts\":true}");
    assertThat(config("gemini-2.5-pro", budget(100000)))
        .isEqualTo("{\"thinkingBudget\":32768,\"includeThoughts\":true}");
    assertThat(config("gemini-2.5-pro", budget(0)))
        .as("Pro cannot stop thinking: its minimum, without thoughts")
        .isEqualTo("{\"thinkingBudget\":128,\"includeThoughts\":false}");
    assertThat(config("gemini-2.5-flash", effort(Effort.NONE)))
        .isEqualTo("{\"thinkingBudget\":0,\"includeThoughts\":false}");
    assertThat(config("gemini-2.5-flash-lite", budget(100)))
        .isEqualTo("{\"thinkingBudget\":512,\"includeThoughts\":true}");
    assertThat(config("models/gemini-2.5-flash", effort(Effort.AUTO)))
        .isEqualTo("{\"thinkingBudget\":-1,\"includeThoughts\":true}");
    assertThat(config("gemini-2.5-flash", budget(2048)))
        .isEqualTo("{\"thinkingBudget\":2048,\"includeThoughts\":true}");
    assertThat(config("some-other-model", budget(100000)))
        .as("an unknown model gets the budget as asked")
        .isEqualTo("{\"thinkingBudget\":100000,\"includeThoughts\":true}");
  }

  @Test
  void gemini3TakesALevelItKnows() {
    assertThat(config("gemini-3-pro-preview", effort(Effort.MEDIUM)))
        .isEqualTo("{\"thinkingLevel\":\"high\",\"includeThoughts\":true}");
    assertThat(config("gemini-3-pro-preview", effort(Effort.MINIMAL)))
        .isEqualTo("{\"thinkingLevel\":\"low\",\"includeThoughts\":true}");
    assertThat(config("gemini-3-flash", effort(Effort.MEDIUM)))
        .isEqualTo("{\"thinkingLevel\":\"medium\",\"includeThoughts\":true}");
    assertThat(config("gemini-3-flash", effort(Effort.NONE)))
        .isEqualTo("{\"thinkingLevel\":\"minimal\",\"includeThoughts\":false}");
    assertThat(config("gemini-3-pro-preview", budget(30000)))
        .as("a Claude budget by its effort")
        .isEqualTo("{\"thinkingLevel\":\"high\",\"includeThoughts\":true}");
    assertThat(config("gemini-3-pro-preview", effort(Effort.AUTO)))
        .isEqualTo("{\"includeThoughts\":true}");
  }

  @Test
  void openAiEffortAndClaudeBudgetReachTheEncodedRequest() {
    ChatRequest chat =
        new OpenAiChatCodec()
            .decodeRequest(
                ("{\"model\":\"gemini-2.5-flash\",\"reasoning_effort\":\"high\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
    ChatRequest claude =
        new ClaudeCodec()
            .decodeRequest(
                ("{\"model\":\"gemini-3-pro-preview\",\"max_tokens\":4096,"
                        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .getBytes(StandardCharsets.UTF_8));

    assertThat(thinking(chat).toString())
        .isEqualTo("{\"thinkingBudget\":24576,\"includeThoughts\":true}");
    assertThat(thinking(claude.withModel("gemini-2.5-pro")).toString())
        .isEqualTo("{\"thinkingBudget\":1024,\"includeThoughts\":true}");
    assertThat(thinking(claude).toString())
        .isEqualTo("{\"thinkingLevel\":\"low\",\"includeThoughts\":true}");
  }

  private static JsonNode thinking(ChatRequest request) {
    return Goldens.tree(new GeminiCodec().encodeRequest(request, FixedContext.create()))
        .at("/generationConfig/thinkingConfig");
  }
}
