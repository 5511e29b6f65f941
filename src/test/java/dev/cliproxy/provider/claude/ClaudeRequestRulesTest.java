package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.provider.UpstreamBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The pure rules that shape a request for the Claude Messages API. */
class ClaudeRequestRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = ClaudeSystemPrompt.CLAUDE_CODE_PREFIX;

  /** What the rules send: the body's bytes after them, and the betas taken out of it. */
  private record Prepared(byte[] body, List<String> betas) {}

  private static Prepared apply(String body, ClaudeRequestBody.Rules rules) {
    UpstreamBody upstream = UpstreamBody.ofBytes(body.getBytes(StandardCharsets.UTF_8));
    List<String> betas = ClaudeRequestBody.apply(upstream, rules);
    return new Prepared(upstream.bytes(), betas);
  }

  private static ClaudeRequestBody.Rules oauth(String model) {
    return new ClaudeRequestBody.Rules(
        model, OptionalInt.empty(), true, OptionalInt.empty(), false);
  }

  private static JsonNode json(Prepared prepared) throws Exception {
    return JSON.readTree(prepared.body());
  }

  @Test
  void aStringSystemPromptIsKeptAfterTheClaudeCodePrefix() throws Exception {
    JsonNode out =
        json(
            apply(
                "{\"model\":\"m\",\"max_tokens\":5,\"system\":\"Be terse.\",\"messages\":[]}",
                oauth("m")));

    assertThat(out.get("system"))
        .isEqualTo(
            JSON.readTree(
                "[{\"type\":\"text\",\"text\":\""
                    + PREFIX
                    + "\"},{\"type\":\"text\",\"text\":\"Be terse.\"}]"));
  }

  @Test
  void anArraySystemPromptKeepsEveryBlockWithItsCacheControl() throws Exception {
    String system =
        "[{\"type\":\"text\",\"text\":\"Rules.\",\"cache_control\":{\"type\":\"ephemeral\"}},"
            + "{\"type\":\"text\",\"text\":\"More.\"}]";
    JsonNode out =
        json(
            apply(
                "{\"model\":\"m\",\"max_tokens\":5,\"system\":" + system + ",\"messages\":[]}",
                oauth("m")));

    assertThat(out.get("system")).hasSize(3);
    assertThat(out.get("system").get(0).get("text").asText()).isEqualTo(PREFIX);
    assertThat(out.get("system").get(1)).isEqualTo(JSON.readTree(system).get(0));
    assertThat(out.get("system").get(2)).isEqualTo(JSON.readTree(system).get(1));
  }

  @Test
  void noSystemPromptBecomesThePrefixAloneAndAPrefixedOneIsLeftAsItIs() throws Exception {
    assertThat(json(apply("{\"model\":\"m\",\"messages\":[]}", oauth("m"))).get("system"))
        .isEqualTo(JSON.readTree("[{\"type\":\"text\",\"text\":\"" + PREFIX + "\"}]"));

    String already =
        "{\"model\":\"m\",\"system\":[{\"type\":\"text\",\"text\":\""
            + PREFIX
            + "\"}],\"messages\":[]}";
    assertThat(apply(already, oauth("m")).body())
        .isEqualTo(already.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void apiKeyBodiesThatNeedNoChangeStayByteForByte() {
    String body =
        "{ \"model\" : \"m\", \"max_tokens\": 10, \"temperature\": 0.50, \"messages\": [] }";
    var prepared =
        apply(
            body,
            new ClaudeRequestBody.Rules(
                "m", OptionalInt.empty(), false, OptionalInt.empty(), false));

    assertThat(prepared.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aThinkingSuffixEnablesThinkingAndRaisesMaxTokensToTheModelLimit() throws Exception {
    ClaudeModels.Resolved resolved =
        ClaudeModels.builtIn().resolve("claude-opus-4-5-thinking-high");
    assertThat(resolved.model()).isEqualTo("claude-opus-4-5");
    assertThat(resolved.thinkingBudget()).hasValue(24576);

    JsonNode out =
        json(
            apply(
                "{\"model\":\"claude-opus-4-5-thinking-high\",\"max_tokens\":1000,\"messages\":[]}",
                new ClaudeRequestBody.Rules(
                    resolved.model(),
                    resolved.thinkingBudget(),
                    false,
                    ClaudeModels.builtIn().maxOutputTokens(resolved.model()),
                    false)));

    assertThat(out.get("model").asText()).isEqualTo("claude-opus-4-5");
    assertThat(out.get("thinking"))
        .isEqualTo(JSON.readTree("{\"type\":\"enabled\",\"budget_tokens\":24576}"));
    assertThat(out.get("max_tokens").asInt()).isEqualTo(64000);
  }

  @Test
  void maxTokensAtOrBelowTheBudgetIsRaisedAboveItWhenTheLimitIsUnknown() throws Exception {
    JsonNode out =
        json(
            apply(
                "{\"model\":\"x\",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"messages\":[]}",
                new ClaudeRequestBody.Rules(
                    "x", OptionalInt.of(99), false, OptionalInt.empty(), false)));

    assertThat(out.get("max_tokens").asInt()).isEqualTo(2048 + ClaudeRequestBody.ANSWER_ROOM);
    assertThat(out.get("thinking").get("budget_tokens").asInt())
        .as("the client's own thinking wins over a suffix")
        .isEqualTo(2048);
  }

  @Test
  void bodyBetasMoveToTheHeaderAndCountBodiesLoseGenerationFields() throws Exception {
    var prepared =
        apply(
            "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,\"betas\":[\"a-1\",\"b-2\"],\"messages\":[]}",
            new ClaudeRequestBody.Rules(
                "m", OptionalInt.empty(), false, OptionalInt.empty(), true));

    assertThat(prepared.betas()).containsExactly("a-1", "b-2");
    JsonNode out = json(prepared);
    assertThat(out.has("betas")).isFalse();
    assertThat(out.has("max_tokens")).isFalse();
    assertThat(out.has("stream")).isFalse();
  }

  @Test
  void betasAreMergedInOrderDeduplicatedAndNeverDropped() {
    assertThat(
            ClaudeBetas.header(
                List.of("claude-code-20250219, interleaved-thinking-2025-05-14", "x-1"),
                List.of("x-1,y-2"),
                false))
        .isEqualTo("claude-code-20250219,interleaved-thinking-2025-05-14,x-1,y-2");
  }

  @Test
  void oauthAccountsAlwaysGetTheOAuthBetaAndLoseTheRetiredLongContextOne() {
    assertThat(
            ClaudeBetas.header(List.of("context-1m-2025-08-07,effort-2025-11-24"), List.of(), true))
        .isEqualTo("effort-2025-11-24,oauth-2025-04-20");
    assertThat(ClaudeBetas.header(List.of(), List.of(), true))
        .isEqualTo(String.join(",", ClaudeBetas.OAUTH_DEFAULTS));
    assertThat(ClaudeBetas.header(List.of(), List.of(), false)).isEmpty();
  }

  @Test
  void oauthHeadersAuthenticateAsBearerAndLookLikeClaudeCode() {
    Map<String, String> h =
        headers(
            new ClaudeHeaders.Input(
                "sk-ant-oat01-t",
                ClaudeHeaders.Auth.BEARER,
                true,
                true,
                false,
                new ClientHeaders(Map.of("user-agent", List.of("OpenAI/Java"))),
                List.of(),
                Map.of("X-Extra", "1")));

    assertThat(h)
        .containsEntry("authorization", "Bearer sk-ant-oat01-t")
        .containsEntry("anthropic-version", "2023-06-01")
        .containsEntry("user-agent", ClaudeHeaders.CLAUDE_CODE_USER_AGENT)
        .containsEntry("x-app", "cli")
        .containsEntry("accept", "text/event-stream")
        .containsEntry("accept-encoding", "gzip, deflate")
        .containsEntry("x-extra", "1")
        .doesNotContainKey("x-api-key");
    assertThat(h.get("anthropic-beta")).contains("oauth-2025-04-20");
  }

  @Test
  void apiKeysUseXApiKeyAndClaudeClientsKeepTheirVersionAndIdentity() {
    Map<String, String> h =
        headers(
            new ClaudeHeaders.Input(
                "sk-ant-api03-k",
                ClaudeHeaders.Auth.X_API_KEY,
                false,
                false,
                true,
                new ClientHeaders(
                    Map.of(
                        "anthropic-version", List.of("2026-10-21"),
                        "user-agent", List.of("Anthropic/JS 1.12.0"),
                        "x-stainless-lang", List.of("js"),
                        "anthropic-beta", List.of("files-api-2025-04-14"))),
                List.of(),
                Map.of()));

    assertThat(h)
        .containsEntry("x-api-key", "sk-ant-api03-k")
        .containsEntry("anthropic-version", "2026-10-21")
        .containsEntry("user-agent", "Anthropic/JS 1.12.0")
        .containsEntry("x-stainless-lang", "js")
        .containsEntry("anthropic-beta", "files-api-2025-04-14")
        .containsEntry("accept", "application/json")
        .containsEntry("accept-encoding", "gzip, deflate, br")
        .doesNotContainKey("authorization")
        .doesNotContainKey("x-app");
  }

  @Test
  void claudeCodeIsRecognisedByItsUserAgentOrItsSystemBlocks() throws Exception {
    assertThat(
            ClaudeCodeClient.isClaudeCode(
                new ClientHeaders(
                    Map.of("user-agent", List.of("claude-cli/2.1.330 (external, sdk-cli)"))),
                () -> null))
        .isTrue();
    JsonNode billing =
        JSON.readTree(
            "[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.330;\"}]");
    assertThat(ClaudeCodeClient.isClaudeCode(ClientHeaders.NONE, () -> billing)).isTrue();
    assertThat(
            ClaudeCodeClient.isClaudeCode(
                new ClientHeaders(Map.of("user-agent", List.of("Anthropic/JS 1.12.0"))),
                () -> JSON.valueToTree("You are helpful.")))
        .isFalse();
  }

  /** The last value per lowercase name, as the upstream sees them. */
  private static Map<String, String> headers(ClaudeHeaders.Input input) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    ClaudeHeaders.of(input)
        .forEach(e -> out.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
    return out;
  }
}
