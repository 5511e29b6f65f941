package dev.cliproxy.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.testing.FakeClaudeUpstream;
import dev.cliproxy.testing.ProvidersProxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Claude provider through the real server and gateway, against a fake Messages API that refuses
 * requests without the headers, betas and system prompt Anthropic requires.
 */
class ClaudeUpstreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String OAUTH_TOKEN = "sk-ant-oat01-test-token";
  static final String API_KEY = "sk-ant-api03-test-key";

  @TempDir Path dir;
  FakeClaudeUpstream upstream;
  ProvidersProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeClaudeUpstream.start().acceptOAuthToken(OAUTH_TOKEN).acceptApiKey(API_KEY);
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
  }

  /** Config with the Claude API at the fake, plus {@code extra} YAML. */
  private Config config(String extra) {
    return new ConfigLoader(new ClaudeKind().configSchema())
        .parse("endpoints:\n  claude:\n    api: " + upstream.baseUrl() + "\n" + extra, dir)
        .config();
  }

  static Account account(String email, String token) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id_token", "");
    json.put("access_token", token);
    json.put("refresh_token", "sk-ant-ort01-unused");
    json.put("email", email);
    json.put("type", "claude");
    json.put("expired", "2099-01-01T00:00:00Z");
    return new Account(CredentialFile.of("claude-" + email + ".json", json), Instant.now());
  }

  private void serveAccount(String extraConfig) throws Exception {
    Config config = config(extraConfig);
    proxy =
        ProvidersProxy.start(
            dir,
            List.of(
                ClaudeProvider.forAccounts(
                    config,
                    List.of(account("a@example.com", OAUTH_TOKEN)),
                    ClaudeModels.builtIn())));
  }

  private void serveKeys(String keysYaml) throws Exception {
    Config config = config(keysYaml);
    CredentialIds ids = new CredentialIds();
    List<Provider> providers =
        config.section(ClaudeKind.API_KEYS).stream()
            .<Provider>map(k ->
                ClaudeProvider.forKey(
                    k, ClaudeEndpoints.of(config.endpoints()), ClaudeModels.builtIn(), ids))
            .toList();
    proxy = ProvidersProxy.start(dir, providers);
  }

  private static String messages(String model, String systemJson, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"max_tokens\":256,"
        + (systemJson == null ? "" : "\"system\":" + systemJson + ",")
        + "\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
  }

  @Test
  void aSubscriptionCallCarriesTheBearerTheOAuthBetaAndAVersion() throws Exception {
    serveAccount("");

    HttpResponse<String> answer =
        proxy.post("/v1/messages", messages("claude-sonnet-4-5", null, false));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).at("/content/0/text").asText())
        .isEqualTo("echo: hello");
    FakeClaudeUpstream.Received seen = upstream.last();
    assertThat(seen.pathAndQuery()).isEqualTo("/v1/messages?beta=true");
    assertThat(seen.header("authorization")).isEqualTo("Bearer " + OAUTH_TOKEN);
    assertThat(seen.header("x-api-key")).isNull();
    assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(seen.betas()).containsExactlyElementsOf(ClaudeBetas.OAUTH_DEFAULTS);
    assertThat(seen.header("user-agent")).startsWith("claude-cli/");
  }

  @Test
  void aStringSystemPromptSurvivesTheClaudeCodePrefix() throws Exception {
    serveAccount("");

    HttpResponse<String> answer =
        proxy.post(
            "/v1/messages",
            messages("claude-sonnet-4-5", "\"Answer in French.\"", false),
            "anthropic-version",
            "2026-10-21",
            "user-agent",
            "Anthropic/JS 1.12.0");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode system = upstream.last().body().get("system");
    assertThat(system.get(0).get("text").asText()).isEqualTo(FakeClaudeUpstream.CLAUDE_CODE_PREFIX);
    assertThat(system.get(1).get("text").asText()).isEqualTo("Answer in French.");
    assertThat(upstream.last().header("anthropic-version")).isEqualTo("2026-10-21");
  }

  @Test
  void anArraySystemPromptKeepsItsBlocksBehindThePrefix() throws Exception {
    serveAccount("");
    String system =
        "[{\"type\":\"text\",\"text\":\"Rule one.\",\"cache_control\":{\"type\":\"ephemeral\"}}]";

    HttpResponse<String> answer =
        proxy.post("/v1/messages", messages("claude-sonnet-4-5", system, true));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("event: message_stop");
    JsonNode sent = upstream.last().body().get("system");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).isEqualTo(JSON.readTree(system).get(0));
  }

  @Test
  void clientBetasAreForwardedMergedAndTheRetiredOneDropped() throws Exception {
    serveAccount("");

    HttpResponse<String> answer =
        proxy.post(
            "/v1/messages",
            messages("claude-sonnet-4-5", null, false),
            "anthropic-beta",
            "interleaved-thinking-2025-05-14,context-1m-2025-08-07",
            "anthropic-beta",
            "files-api-2025-04-14, interleaved-thinking-2025-05-14");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(upstream.last().betas())
        .containsExactly(
            "interleaved-thinking-2025-05-14", "files-api-2025-04-14", "oauth-2025-04-20");
  }

  @Test
  void otherDialectsReachClaudeWithTheSameRules() throws Exception {
    serveAccount("");

    HttpResponse<String> chat =
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hello\"}]}");

    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(JSON.readTree(chat.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo: hello");
    FakeClaudeUpstream.Received seen = upstream.last();
    assertThat(seen.header("authorization")).isEqualTo("Bearer " + OAUTH_TOKEN);
    assertThat(seen.body().at("/system/0/text").asText())
        .isEqualTo(FakeClaudeUpstream.CLAUDE_CODE_PREFIX);
    assertThat(seen.body().toString()).contains("Be brief.");
    assertThat(seen.header("user-agent")).startsWith("claude-cli/");
  }

  @Test
  void aThinkingAliasSendsTheBaseModelWithABudgetAndRoomForTheAnswer() throws Exception {
    serveAccount("");

    HttpResponse<String> answer =
        proxy.post("/v1/messages", messages("claude-opus-4-5-thinking-high", null, false));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode sent = upstream.last().body();
    assertThat(sent.get("model").asText()).isEqualTo("claude-opus-4-5");
    assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(24576);
    assertThat(sent.get("max_tokens").asInt()).isEqualTo(64000);
    assertThat(JSON.readTree(answer.body()).at("/content/0/type").asText()).isEqualTo("thinking");
  }

  @Test
  void claudeCodeRequestsPassByteForByteAndItsStreamComesBackUnchanged() throws Exception {
    serveAccount("");
    String body =
        "{\"model\":\"claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],\n  \"system\":[{\"type\":\"text\","
            + "\"text\":\"x-anthropic-billing-header: cc_version=2.1.330.440; cc_entrypoint=sdk-cli;\"},"
            + "{\"type\":\"text\",\"text\":\"You are a Claude agent.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"max_tokens\":128000,\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"},\"stream\":true}";
    String sse =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-opus-5-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    upstream.answerNextWith(
        new FakeClaudeUpstream.Canned(200, "text/event-stream", sse.getBytes()));

    HttpResponse<String> answer =
        proxy.post(
            "/v1/messages?beta=true",
            body,
            "user-agent",
            "claude-cli/2.1.330 (external, sdk-cli)",
            "x-app",
            "cli",
            "anthropic-beta",
            "claude-code-20250219,context-management-2025-06-27",
            "x-claude-code-session-id",
            "a4c61fbd");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(sse);
    FakeClaudeUpstream.Received seen = upstream.last();
    assertThat(new String(seen.rawBody())).isEqualTo(body);
    assertThat(seen.header("user-agent")).isEqualTo("claude-cli/2.1.330 (external, sdk-cli)");
    assertThat(seen.header("x-claude-code-session-id")).isEqualTo("a4c61fbd");
    assertThat(seen.betas())
        .containsExactly(
            "claude-code-20250219", "context-management-2025-06-27", "oauth-2025-04-20");
  }

  @Test
  void aClaudeCodeBodyForAThinkingAliasChangesOnlyInItsModelName() throws Exception {
    serveAccount("");
    String body =
        "{\"model\":\"claude-opus-4-5-thinking-high\",\"max_tokens\":100,\"system\":[{\"type\":\"text\","
            + "\"text\":\"x-anthropic-billing-header: cc_version=2.1.330;\"}],\n \"messages\":"
            + "[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> answer =
        proxy.post("/v1/messages", body, "user-agent", "claude-cli/2.1.330 (external, cli)");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(new String(upstream.last().rawBody()))
        .isEqualTo(body.replace("claude-opus-4-5-thinking-high", "claude-opus-4-5"));
  }

  @Test
  void apiKeysGoAsXApiKeyToTheClaudeApiAndAsBearerToOtherBaseUrls() throws Exception {
    serveKeys(
        "claude-api-key:\n"
            + "  - api-key: "
            + API_KEY
            + "\n    headers:\n      X-Team: blue\n    excluded-models: [\"*haiku*\"]\n"
            + "  - api-key: "
            + API_KEY
            + "\n    base-url: "
            + upstream.baseUrl()
            + "/gateway\n    models:\n      - name: claude-opus-4-5\n        alias: team-opus\n");

    HttpResponse<String> direct =
        proxy.post("/v1/messages", messages("claude-sonnet-4-5", null, false));
    assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
    FakeClaudeUpstream.Received first = upstream.last();
    assertThat(first.header("x-api-key")).isEqualTo(API_KEY);
    assertThat(first.header("authorization")).isNull();
    assertThat(first.header("x-team")).isEqualTo("blue");
    assertThat(first.betas()).isEmpty();
    assertThat(first.body().has("system")).as("no Claude Code prefix for API keys").isFalse();

    HttpResponse<String> haiku =
        proxy.post("/v1/messages", messages("claude-haiku-4-5", null, false));
    assertThat(haiku.statusCode()).isEqualTo(404);

    HttpResponse<String> alias = proxy.post("/v1/messages", messages("team-opus", null, false));
    assertThat(alias.statusCode()).as(alias.body()).isEqualTo(404);
    assertThat(upstream.last().pathAndQuery()).isEqualTo("/gateway/v1/messages?beta=true");
    assertThat(upstream.last().header("authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(upstream.last().body().get("model").asText()).isEqualTo("claude-opus-4-5");
  }

  @Test
  void tokenCountsComeFromTheUpstreamsCountEndpointForEveryDialect() throws Exception {
    serveAccount("");
    String body =
        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}";

    HttpResponse<String> claude = proxy.post("/v1/messages/count_tokens", body);

    assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
    FakeClaudeUpstream.Received seen = upstream.last();
    assertThat(seen.pathAndQuery()).isEqualTo("/v1/messages/count_tokens?beta=true");
    assertThat(seen.header("authorization")).isEqualTo("Bearer " + OAUTH_TOKEN);
    long expected = 1000 + seen.rawBody().length % 1000;
    assertThat(JSON.readTree(claude.body()).get("input_tokens").asLong()).isEqualTo(expected);

    HttpResponse<String> gemini =
        proxy.post(
            "/v1beta/models/claude-sonnet-4-5:countTokens",
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"count me too\"}]}]}");

    assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(200);
    FakeClaudeUpstream.Received translated = upstream.last();
    assertThat(translated.pathAndQuery()).isEqualTo("/v1/messages/count_tokens?beta=true");
    assertThat(translated.body().has("max_tokens")).isFalse();
    assertThat(JSON.readTree(gemini.body()).get("totalTokens").asLong())
        .isEqualTo(1000 + translated.rawBody().length % 1000);
  }
}
