package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexRequestRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CodexModels MODELS = CodexModels.builtIn();

  private static ObjectNode applied(String body, String upstreamModel) {
    ObjectNode parsed = CodexRequestRules.parse(body.getBytes(StandardCharsets.UTF_8));
    CodexRequestRules.apply(parsed, MODELS.resolve(upstreamModel), "session-1");
    return parsed;
  }

  private static ObjectNode capture(String name) throws Exception {
    try (InputStream in =
        CodexRequestRulesTest.class.getResourceAsStream("/golden/responses/captures/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  @Test
  void aCodexCliRequestPassesUnchanged() throws Exception {
    for (String name : new String[] {"codex_hi_01.request.json", "codex_tool_02.request.json"}) {
      ObjectNode original = capture(name);
      ObjectNode sent = original.deepCopy();
      CodexRequestRules.apply(sent, MODELS.resolve(original.path("model").asText()), "other");

      assertThat(sent).as(name).isEqualTo(original);
    }
  }

  @Test
  void streamStoreAndEncryptedReasoningAreForced() {
    ObjectNode sent =
        applied(
            "{\"model\":\"gpt-5\",\"input\":[],\"stream\":false,\"store\":true,"
                + "\"include\":[\"message.output_text.logprobs\"]}",
            "gpt-5");

    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("store").isBoolean()).isTrue();
    assertThat(sent.path("store").asBoolean()).isFalse();
    assertThat(sent.path("include"))
        .extracting(JsonNode::asText)
        .containsExactly("message.output_text.logprobs", "reasoning.encrypted_content");
  }

  @Test
  void fieldsTheBackendRefusesAreRemoved() {
    ObjectNode sent =
        applied(
            "{\"model\":\"gpt-5\",\"input\":[],\"previous_response_id\":\"resp_1\","
                + "\"max_output_tokens\":100,\"max_completion_tokens\":5,\"temperature\":0.2,"
                + "\"top_p\":0.9,\"service_tier\":\"auto\",\"parallel_tool_calls\":true}",
            "gpt-5");

    assertThat(sent.has("previous_response_id")).isFalse();
    assertThat(sent.has("max_output_tokens")).isFalse();
    assertThat(sent.has("max_completion_tokens")).isFalse();
    assertThat(sent.has("temperature")).isFalse();
    assertThat(sent.has("top_p")).isFalse();
    assertThat(sent.has("service_tier")).isFalse();
    assertThat(sent.path("parallel_tool_calls").asBoolean()).isTrue();
  }

  @Test
  void instructionsBecomeALeadingDeveloperMessageAndSystemItemsDeveloperOnes() {
    ObjectNode sent =
        applied(
            "{\"model\":\"gpt-5\",\"instructions\":\"Be terse.\",\"input\":["
                + "{\"type\":\"message\",\"role\":\"system\",\"content\":[{\"type\":\"input_text\",\"text\":\"Env\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}",
            "gpt-5");

    assertThat(sent.has("instructions")).isFalse();
    JsonNode input = sent.path("input");
    assertThat(input).hasSize(3);
    assertThat(input.get(0).toString())
        .isEqualTo(
            "{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"Be terse.\"}]}");
    assertThat(input.get(1).path("role").asText()).isEqualTo("developer");
    assertThat(input.get(2).path("role").asText()).isEqualTo("user");
  }

  @Test
  void aStringInputBecomesOneUserMessage() {
    ObjectNode sent =
        applied("{\"model\":\"gpt-5\",\"input\":\"hello\",\"instructions\":\"\"}", "gpt-5");

    assertThat(sent.has("instructions")).isFalse();
    assertThat(sent.path("input").toString())
        .isEqualTo(
            "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}]");
  }

  @Test
  void anEffortAliasBecomesTheModelAndReasoningEffort() {
    ObjectNode sent =
        applied(
            "{\"model\":\"gpt-5-codex-high\",\"input\":[],\"reasoning\":{\"effort\":\"low\",\"summary\":\"detailed\"}}",
            "gpt-5-codex-high");

    assertThat(sent.path("model").asText()).isEqualTo("gpt-5-codex");
    assertThat(sent.path("reasoning").toString())
        .isEqualTo("{\"effort\":\"high\",\"summary\":\"detailed\"}");
  }

  @Test
  void withoutReasoningSummariesAreAskedForAndTheEffortLeftToTheBackend() {
    ObjectNode sent = applied("{\"model\":\"gpt-5\",\"input\":[]}", "gpt-5");

    assertThat(sent.path("reasoning").toString()).isEqualTo("{\"summary\":\"auto\"}");
  }

  @Test
  void promptCacheKeyDefaultsToTheSessionButAClientKeyStays() {
    assertThat(
            applied("{\"model\":\"gpt-5\",\"input\":[]}", "gpt-5")
                .path("prompt_cache_key")
                .asText())
        .isEqualTo("session-1");
    assertThat(
            applied("{\"model\":\"gpt-5\",\"input\":[],\"prompt_cache_key\":\"mine\"}", "gpt-5")
                .path("prompt_cache_key")
                .asText())
        .isEqualTo("mine");
  }

  @Test
  void unknownFieldsAndToolsPassThrough() {
    ObjectNode sent =
        applied(
            "{\"model\":\"gpt-5\",\"input\":[],\"tools\":[{\"type\":\"namespace\",\"name\":\"x\",\"tools\":[]},"
                + "{\"type\":\"web_search\"}],\"client_metadata\":{\"a\":1},\"text\":{\"verbosity\":\"low\"}}",
            "gpt-5");

    assertThat(sent.path("tools")).hasSize(2);
    assertThat(sent.path("client_metadata").path("a").asInt()).isEqualTo(1);
    assertThat(sent.path("text").path("verbosity").asText()).isEqualTo("low");
  }

  @Test
  void aBodyThatIsNotAnObjectIsAClientError() {
    assertThatThrownBy(() -> CodexRequestRules.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ProxyException.class, e -> assertThat(e.error().status()).isEqualTo(400));
  }

  @Test
  void modelsListTheFamilyWithEffortAliases() {
    assertThat(MODELS.names())
        .contains(
            "gpt-5",
            "gpt-5-minimal",
            "gpt-5-high",
            "gpt-5-codex",
            "gpt-5-codex-low",
            "gpt-5-codex-mini",
            "gpt-5-codex-mini-high",
            "gpt-5.1-codex-max-xhigh");
    assertThat(MODELS.resolve("gpt-5-codex-mini"))
        .isEqualTo(new CodexModels.Target("gpt-5-codex-mini", Optional.empty()));
    assertThat(MODELS.resolve("gpt-5-codex-mini-medium"))
        .isEqualTo(new CodexModels.Target("gpt-5-codex-mini", Optional.of("medium")));
    assertThat(MODELS.resolve("my-model"))
        .isEqualTo(new CodexModels.Target("my-model", Optional.empty()));
  }
}
