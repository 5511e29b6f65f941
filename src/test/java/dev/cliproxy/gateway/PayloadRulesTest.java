package dev.cliproxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.config.Config.Payload;
import dev.cliproxy.config.Config.PayloadRule;
import dev.cliproxy.config.Config.PayloadRule.ModelMatch;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.provider.UpstreamBody;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PayloadRule rule(List<ModelMatch> models, Object... pathsAndJson) {
    Map<String, JsonNode> params = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndJson.length; i += 2) {
      try {
        params.put((String) pathsAndJson[i], JSON.readTree((String) pathsAndJson[i + 1]));
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
    return new PayloadRule(models, params);
  }

  private static List<ModelMatch> models(String... names) {
    return java.util.Arrays.stream(names).map(n -> new ModelMatch(n, "")).toList();
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** What goes upstream after the rules: the body's bytes, the very array when nothing changed. */
  private static byte[] applied(
      Payload payload, byte[] body, String clientModel, String upstreamModel, Dialect dialect) {
    UpstreamBody upstream = UpstreamBody.ofBytes(body);
    PayloadRules.of(payload).apply(upstream, clientModel, upstreamModel, dialect);
    return upstream.bytes();
  }

  private static JsonNode apply(Payload payload, String body, String clientModel) throws Exception {
    return apply(payload, body, clientModel, "upstream-x", Dialect.OPENAI_CHAT);
  }

  private static JsonNode apply(
      Payload payload, String body, String clientModel, String upstreamModel, Dialect dialect)
      throws Exception {
    return JSON.readTree(applied(payload, bytes(body), clientModel, upstreamModel, dialect));
  }

  @Test
  void noRulesLeavesTheVeryBytesUntouched() {
    byte[] body = bytes("{ \"model\" : \"m\" }");
    assertThat(applied(Payload.NONE, body, "m", "m", Dialect.CLAUDE)).isSameAs(body);
  }

  @Test
  void rulesForOtherModelsDoNotEvenParseTheBody() {
    Payload payload = new Payload(List.of(rule(models("gpt-*"), "temperature", "0.5")), List.of());
    byte[] notJson = bytes("this is not json");
    assertThat(applied(payload, notJson, "claude-x", "claude-y", Dialect.CLAUDE)).isSameAs(notJson);
  }

  @Test
  void aDefaultSetsOnlyWhatIsAbsent() throws Exception {
    Payload payload =
        new Payload(
            List.of(rule(models("gpt-*"), "temperature", "0.5", "reasoning_effort", "\"high\"")),
            List.of());

    JsonNode out = apply(payload, "{\"model\":\"gpt-5\",\"temperature\":0.2}", "gpt-5");

    assertThat(out.path("temperature").decimalValue()).isEqualByComparingTo("0.2");
    assertThat(out.path("reasoning_effort").asText()).isEqualTo("high");
  }

  @Test
  void anExplicitNullCountsAsPresentForDefaults() throws Exception {
    Payload payload = new Payload(List.of(rule(models("*"), "temperature", "0.5")), List.of());
    JsonNode out = apply(payload, "{\"temperature\":null}", "m");
    assertThat(out.path("temperature").isNull()).isTrue();
  }

  @Test
  void theFirstMatchingDefaultWinsPerPath() throws Exception {
    Payload payload =
        new Payload(
            List.of(
                rule(models("gpt-5"), "max_tokens", "100"),
                rule(models("gpt-*"), "max_tokens", "200", "top_p", "0.9")),
            List.of());

    JsonNode out = apply(payload, "{}", "gpt-5");

    assertThat(out.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(out.path("top_p").decimalValue()).isEqualByComparingTo("0.9");
  }

  @Test
  void overridesAlwaysSetAndTheLastOneWins() throws Exception {
    Payload payload =
        new Payload(
            List.of(rule(models("*"), "temperature", "0.1")),
            List.of(
                rule(models("gpt-*"), "temperature", "0.7"),
                rule(models("gpt-5"), "temperature", "0.9")));

    JsonNode out = apply(payload, "{\"temperature\":0.2}", "gpt-5");

    assertThat(out.path("temperature").decimalValue()).isEqualByComparingTo("0.9");
  }

  @Test
  void aRuleMatchesTheUpstreamModelNameToo() throws Exception {
    Payload payload =
        new Payload(List.of(), List.of(rule(models("upstream-*"), "service_tier", "\"flex\"")));

    JsonNode out = apply(payload, "{}", "my-alias", "upstream-large", Dialect.OPENAI_CHAT);

    assertThat(out.path("service_tier").asText()).isEqualTo("flex");
  }

  @Test
  void globsAreCaseSensitiveAndAnchored() throws Exception {
    Payload payload = new Payload(List.of(), List.of(rule(models("gpt-5"), "n", "2")));
    assertThat(apply(payload, "{}", "GPT-5").has("n")).isFalse();
    assertThat(apply(payload, "{}", "gpt-5-mini").has("n")).isFalse();
    assertThat(apply(payload, "{}", "gpt-5").path("n").asInt()).isEqualTo(2);
  }

  @Test
  void aProtocolLimitsTheRuleToThatUpstreamDialect() throws Exception {
    Payload payload =
        new Payload(
            List.of(),
            List.of(
                new PayloadRule(
                    List.of(new ModelMatch("*", "claude")),
                    Map.of("metadata.user_id", JSON.readTree("\"u1\""))),
                new PayloadRule(
                    List.of(new ModelMatch("*", "codex")),
                    Map.of("reasoning.effort", JSON.readTree("\"low\"")))));

    JsonNode claude = apply(payload, "{}", "m", "m", Dialect.CLAUDE);
    JsonNode codex = apply(payload, "{}", "m", "m", Dialect.OPENAI_RESPONSES);
    JsonNode openai = apply(payload, "{}", "m", "m", Dialect.OPENAI_CHAT);

    assertThat(claude.path("metadata").path("user_id").asText()).isEqualTo("u1");
    assertThat(claude.has("reasoning")).isFalse();
    assertThat(codex.path("reasoning").path("effort").asText()).isEqualTo("low");
    assertThat(codex.has("metadata")).isFalse();
    assertThat(openai.size()).isZero();
  }

  @Test
  void protocolsAreNamedAsInCliProxyApi() {
    assertThat(PayloadRules.protocolOf(Dialect.OPENAI_CHAT)).isEqualTo("openai");
    assertThat(PayloadRules.protocolOf(Dialect.OPENAI_RESPONSES)).isEqualTo("codex");
    assertThat(PayloadRules.protocolOf(Dialect.CLAUDE)).isEqualTo("claude");
    assertThat(PayloadRules.protocolOf(Dialect.GEMINI)).isEqualTo("gemini");
  }

  @Test
  void dottedPathsCreateObjectsAndKeepSiblings() throws Exception {
    Payload payload =
        new Payload(
            List.of(
                rule(
                    models("*"),
                    "generationConfig.thinkingConfig.thinkingBudget",
                    "1024",
                    "generationConfig.temperature",
                    "1")),
            List.of());

    JsonNode out = apply(payload, "{\"generationConfig\":{\"temperature\":0.3}}", "gemini-x");

    assertThat(out.path("generationConfig").path("temperature").decimalValue())
        .isEqualByComparingTo("0.3");
    assertThat(out.path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt())
        .isEqualTo(1024);
  }

  @Test
  void aNumericSegmentIndexesAnExistingArrayElement() throws Exception {
    Payload payload =
        new Payload(
            List.of(),
            List.of(
                rule(models("*"), "messages.0.name", "\"first\"", "messages.5.name", "\"none\"")));

    JsonNode out =
        apply(
            payload,
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"user\"}]}",
            "m");

    assertThat(out.path("messages")).hasSize(2);
    assertThat(out.path("messages").get(0).path("name").asText()).isEqualTo("first");
    assertThat(out.path("messages").get(0).path("content").asText()).isEqualTo("hi");
    assertThat(out.path("messages").get(1).has("name")).isFalse();
  }

  @Test
  void aDefaultDoesNotReplaceAScalarInItsWayButAnOverrideDoes() throws Exception {
    PayloadRule effort = rule(models("*"), "reasoning.effort", "\"high\"");

    JsonNode kept = apply(new Payload(List.of(effort), List.of()), "{\"reasoning\":\"x\"}", "m");
    JsonNode replaced =
        apply(new Payload(List.of(), List.of(effort)), "{\"reasoning\":\"x\"}", "m");

    assertThat(kept.path("reasoning").asText()).isEqualTo("x");
    assertThat(replaced.path("reasoning").path("effort").asText()).isEqualTo("high");
  }

  @Test
  void objectValuesAreCopiedNotShared() throws Exception {
    Payload payload =
        new Payload(
            List.of(),
            List.of(
                rule(models("*"), "reasoning", "{\"effort\":\"low\"}", "reasoning.summary", "1")));

    apply(payload, "{}", "m");
    JsonNode second = apply(payload, "{}", "m");

    assertThat(payload.overrides().get(0).params().get("reasoning").has("summary")).isFalse();
    assertThat(second.path("reasoning").path("effort").asText()).isEqualTo("low");
  }

  @Test
  void numbersTheClientWroteSurviveTheRewrite() {
    Payload payload = new Payload(List.of(), List.of(rule(models("*"), "n", "1")));
    byte[] out =
        applied(
            payload,
            bytes("{\"temperature\":0.10,\"seed\":12345678901234567890}"),
            "m",
            "m",
            Dialect.OPENAI_CHAT);
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("{\"temperature\":0.10,\"seed\":12345678901234567890,\"n\":1}");
  }

  @Test
  void aBodyThatIsNotAnObjectPassesUnchanged() {
    Payload payload = new Payload(List.of(), List.of(rule(models("*"), "n", "1")));
    byte[] body = bytes("[1,2]");
    assertThat(applied(payload, body, "m", "m", Dialect.OPENAI_CHAT)).isSameAs(body);
  }
}
