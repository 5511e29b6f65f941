package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.testing.FakeOpenAiAuth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodexProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static Config config(String yaml) {
    return new ConfigLoader(new CodexKind().configSchema()).parse(yaml, Path.of("/tmp")).config();
  }

  private static Account account(String email, String accountId) {
    ObjectNode json = JSON.createObjectNode();
    json.put(
        "id_token", FakeOpenAiAuth.idToken(new FakeOpenAiAuth.Identity(email, accountId, "plus")));
    json.put("access_token", "at-" + email);
    json.put("refresh_token", "rt-" + email);
    json.put("account_id", accountId);
    json.put("email", email);
    json.put("type", "codex");
    json.put("expired", "2026-03-11T10:00:00Z");
    return new Account(CredentialFile.of("codex-" + email + ".json", json), NOW);
  }

  private static UpstreamCall call(String body, String model, ClientHeaders headers) {
    return new UpstreamCall(
        UpstreamBody.ofBytes(body.getBytes(StandardCharsets.UTF_8)),
        false,
        model,
        Dialect.OPENAI_CHAT,
        false,
        headers);
  }

  private static Map<String, String> headers(UpstreamRequest request) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    request.headers().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static JsonNode body(UpstreamRequest request) throws Exception {
    return JSON.readTree(request.body());
  }

  @Test
  void accountsBecomeOneProviderWithEveryModelAndAnOAuthCredentialEach() {
    Config config =
        config("endpoints:\n  codex:\n    api: http://127.0.0.1:9/backend-api/codex/\n");
    List<Provider> providers =
        new CodexKind()
            .providers(config, List.of(account("a@x.com", "acct-a"), account("b@x.com", "acct-b")));

    assertThat(providers)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.dialect()).isEqualTo(Dialect.OPENAI_RESPONSES);
          assertThat(p.key()).isEqualTo("codex");
          assertThat(p.protocol().streams(false)).isTrue();
          assertThat(p.credentials())
              .extracting(Credential::id, Credential::label)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple("codex-a@x.com.json", "a@x.com"),
                  org.assertj.core.groups.Tuple.tuple("codex-b@x.com.json", "b@x.com"));
          assertThat(p.models())
              .extracting(ModelOffer::clientName)
              .contains("gpt-5", "gpt-5-codex-high");
        });
  }

  @Test
  void noAccountsAndNoKeysMeanNoProvider() {
    assertThat(new CodexKind().providers(config(""), List.of())).isEmpty();
  }

  @Test
  void anAccountRequestGoesToTheBackendWithTheAccountHeadersAndRules() throws Exception {
    Config config =
        config("endpoints:\n  codex:\n    api: http://127.0.0.1:9/backend-api/codex/\n");
    Provider provider =
        new CodexKind().providers(config, List.of(account("a@x.com", "acct-a"))).get(0);
    Credential credential = provider.credentials().get(0);

    UpstreamRequest request =
        provider.prepare(
            credential,
            call(
                "{\"model\":\"gpt-5-high\",\"instructions\":\"sys\",\"input\":[],\"stream\":false}",
                "gpt-5-high",
                new ClientHeaders(Map.of("user-agent", List.of("OpenAI/Java 4.1")))));

    assertThat(request.url().toString())
        .isEqualTo("http://127.0.0.1:9/backend-api/codex/responses");
    Map<String, String> h = headers(request);
    assertThat(h)
        .containsEntry("Authorization", "Bearer at-a@x.com")
        .containsEntry("Chatgpt-Account-Id", "acct-a")
        .containsEntry("Originator", "codex_cli_rs")
        .containsEntry("User-Agent", CodexHeaders.DEFAULT_USER_AGENT)
        .containsEntry("Accept", "text/event-stream")
        .containsEntry("Content-Type", "application/json");
    assertThat(h.get("Session_id")).isNotBlank();
    JsonNode sent = body(request);
    assertThat(sent.path("model").asText()).isEqualTo("gpt-5");
    assertThat(sent.path("reasoning").path("effort").asText()).isEqualTo("high");
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("store").asBoolean()).isFalse();
    assertThat(sent.path("prompt_cache_key").asText()).isEqualTo(h.get("Session_id"));
  }

  @Test
  void aCodexClientKeepsItsIdentityAndSession() {
    Provider provider =
        new CodexKind().providers(config(""), List.of(account("a@x.com", "acct-a"))).get(0);
    UpstreamRequest request =
        provider.prepare(
            provider.credentials().get(0),
            call(
                "{\"model\":\"gpt-5-codex\",\"input\":[],\"prompt_cache_key\":\"pk\"}",
                "gpt-5-codex",
                new ClientHeaders(
                    Map.of(
                        "originator", List.of("codex_exec"),
                        "user-agent", List.of("codex_exec/0.169.0 (Debian 12.0.0; x86_64)"),
                        "session-id", List.of("sess-7")))));

    assertThat(headers(request))
        .containsEntry("Originator", "codex_exec")
        .containsEntry("User-Agent", "codex_exec/0.169.0 (Debian 12.0.0; x86_64)")
        .containsEntry("Session_id", "sess-7");
    assertThat(request.url().toString()).isEqualTo(CodexEndpoints.DEFAULT_API + "/responses");
  }

  @Test
  void oauthExcludedModelsAreNotOffered() {
    Config config =
        config("oauth-excluded-models:\n  codex:\n    - \"gpt-5.1*\"\n    - gpt-5-minimal\n");
    Provider provider =
        new CodexKind().providers(config, List.of(account("a@x.com", "acct-a"))).get(0);

    assertThat(provider.models())
        .extracting(ModelOffer::clientName)
        .contains("gpt-5", "gpt-5-codex")
        .doesNotContain("gpt-5-minimal", "gpt-5.1", "gpt-5.1-codex-max-high");
    assertThat(provider.credentials().get(0).serves("gpt-5.1-codex")).isFalse();
  }

  @Test
  void anApiKeyEntryHonoursBaseUrlHeadersProxyModelsAndExclusions() throws Exception {
    Config config =
        config(
            "codex-api-key:\n"
                + "  - api-key: sk-one\n"
                + "    base-url: http://127.0.0.1:9/v1/\n"
                + "    proxy-url: socks5://127.0.0.1:1080\n"
                + "    headers:\n      X-Team: blue\n"
                + "    models:\n"
                + "      - name: gpt-5-codex\n        alias: team-codex\n"
                + "      - name: gpt-5-high\n        alias: deep\n"
                + "      - name: gpt-5\n"
                + "    excluded-models: [gpt-5]\n"
                + "  - api-key: sk-two\n");
    List<Provider> providers = new CodexKind().providers(config, List.of());
    assertThat(providers).hasSize(2);
    Provider first = providers.get(0);

    assertThat(first.models())
        .extracting(ModelOffer::clientName, ModelOffer::upstreamName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("team-codex", "gpt-5-codex"),
            org.assertj.core.groups.Tuple.tuple("deep", "gpt-5-high"));
    Credential key = first.credentials().get(0);
    assertThat(key.id()).startsWith("codex:").doesNotContain("sk-one");
    assertThat(key.proxyUrl()).isPresent();
    assertThat(key.toString()).doesNotContain("sk-one");

    UpstreamRequest request =
        first.prepare(
            key,
            call("{\"model\":\"gpt-5-high\",\"input\":\"q\"}", "gpt-5-high", ClientHeaders.NONE));
    assertThat(request.url().toString()).isEqualTo("http://127.0.0.1:9/v1/responses");
    assertThat(headers(request))
        .containsEntry("Authorization", "Bearer sk-one")
        .containsEntry("X-Team", "blue")
        .doesNotContainKey("Chatgpt-Account-Id");
    assertThat(body(request).path("reasoning").path("effort").asText()).isEqualTo("high");

    Provider second = providers.get(1);
    assertThat(second.models())
        .extracting(ModelOffer::clientName)
        .contains("gpt-5", "gpt-5-codex-low");
    assertThat(
            second
                .prepare(
                    second.credentials().get(0),
                    call("{\"model\":\"gpt-5\",\"input\":[]}", "gpt-5", ClientHeaders.NONE))
                .url()
                .toString())
        .isEqualTo(CodexEndpoints.DEFAULT_API + "/responses");
  }

  @Test
  void theRefresherUsesTheConfiguredAuthServer() {
    Config config = config("endpoints:\n  codex:\n    auth: http://127.0.0.1:9\n");
    assertThat(new CodexKind().refresher(config))
        .hasValueSatisfying(r -> assertThat(r.leadTime()).isEqualTo(CodexTokenRefresher.LEAD_TIME));
    assertThat(CodexEndpoints.from(config.endpoints()).token().toString())
        .isEqualTo("http://127.0.0.1:9/oauth/token");
  }
}
