package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.provider.claude.ClaudeKind;
import dev.cliproxy.provider.codex.CodexKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The config keys of first-party providers: API key lists, excluded models for auth-dir accounts,
 * payload rules and endpoint overrides.
 */
class AccountConfigTest {
  private final Path workingDir = Path.of("/work/dir");

  private LoadedConfig parse(String yaml) {
    return ProviderKinds.shipped().configLoader().parse(yaml, workingDir);
  }

  @Test
  void providerKeysKeepBaseUrlProxyHeadersModelsAndExclusions() {
    Config config =
        parse(
                """
                codex-api-key:
                  - api-key: sk-one
                    base-url: https://gw.example.com/codex/
                    proxy-url: socks5://127.0.0.1:1080
                    headers: {X-Team: infra}
                    models: [{name: gpt-5-codex, alias: codex}]
                    excluded-models: ["gpt-5-*-mini"]
                  - api-key: sk-two
                  - api-key: ""
                claude-api-key:
                  - api-key: sk-ant
                """)
            .config();
    assertThat(config.section(CodexKind.API_KEYS)).hasSize(2);
    ProviderKey first = config.section(CodexKind.API_KEYS).get(0);
    assertThat(first.baseUrl()).hasValue("https://gw.example.com/codex");
    assertThat(first.proxyUrl()).isPresent();
    assertThat(first.headers()).isEqualTo(Map.of("X-Team", "infra"));
    assertThat(first.models()).containsExactly(new ModelAlias("gpt-5-codex", "codex"));
    assertThat(first.excludedModels()).containsExactly("gpt-5-*-mini");
    assertThat(config.section(CodexKind.API_KEYS).get(1).baseUrl()).isEmpty();
    assertThat(config.section(ClaudeKind.API_KEYS))
        .extracting(ProviderKey::apiKey)
        .containsExactly("sk-ant");
    assertThat(first.toString()).doesNotContain("sk-one");
  }

  @Test
  void oauthExcludedModelsAreKeyedByLowerCaseTypeWithGeminiAsGeminiCli() {
    Config config =
        parse(
                """
                oauth-excluded-models:
                  Codex: ["gpt-5-codex-mini*"]
                  gemini: ["*-preview"]
                """)
            .config();
    assertThat(config.oauthExcludedModels("codex")).containsExactly("gpt-5-codex-mini*");
    assertThat(config.oauthExcludedModels("gemini-cli")).containsExactly("*-preview");
    assertThat(config.oauthExcludedModels("claude")).isEmpty();
  }

  @Test
  void endpointOverridesReplaceOnlyWhatIsSetAndWarnAboutUnknownNames() {
    LoadedConfig loaded =
        parse(
            """
            endpoints:
              codex:
                api: http://127.0.0.1:9000/backend-api/codex/
              claude:
                tokn: http://127.0.0.1:9001/token
              openai:
                api: http://x
            """);
    Config.Endpoints endpoints = loaded.config().endpoints();
    assertThat(endpoints.url("codex", "api", "https://default"))
        .isEqualTo("http://127.0.0.1:9000/backend-api/codex");
    assertThat(endpoints.url("codex", "auth", "https://default")).isEqualTo("https://default");
    assertThat(loaded.warnings())
        .anySatisfy(w -> assertThat(w).contains("endpoints.claude.tokn").contains("token"))
        .anySatisfy(w -> assertThat(w).contains("endpoints.openai"));
  }

  @Test
  void geminiCliEndpointsAreReadByTheGeminiCliKind() {
    LoadedConfig loaded =
        parse("endpoints:\n  gemini-cli:\n    api: http://127.0.0.1:9002\n    tokn: http://x\n");
    assertThat(loaded.config().endpoints().url("gemini-cli", "api", "https://default"))
        .isEqualTo("http://127.0.0.1:9002");
    assertThat(loaded.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w).contains("endpoints.gemini-cli.tokn").contains("token"));
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlStopsTheLoad() {
    assertThatThrownBy(() -> parse("endpoints:\n  claude:\n    api: ftp://x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("endpoints.claude.api");
  }

  @Test
  void payloadRulesKeepModelsProtocolsAndParamsInOrder() {
    Config.Payload payload =
        parse(
                """
                payload:
                  default:
                    - models: [{name: "gpt-5*", protocol: codex}]
                      params: {reasoning.effort: high, text.verbosity: low}
                  override:
                    - models: [{name: "claude-*"}]
                      params: {max_tokens: 4096}
                """)
            .config()
            .payload();
    assertThat(payload.defaults()).hasSize(1);
    Config.PayloadRule rule = payload.defaults().get(0);
    assertThat(rule.models()).containsExactly(new Config.PayloadRule.ModelMatch("gpt-5*", "codex"));
    assertThat(List.copyOf(rule.params().keySet()))
        .containsExactly("reasoning.effort", "text.verbosity");
    assertThat(payload.overrides().get(0).params().get("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void aPayloadProtocolMustBeKnown() {
    assertThatThrownBy(() ->
            parse(
                "payload:\n  default:\n    - models: [{name: m, protocol: grpc}]\n      params: {a: 1}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("protocol")
        .hasMessageContaining("openai, codex, claude, gemini");
  }

  @Test
  void absentSectionsGiveEmptyDefaults() {
    Config config = parse("").config();
    assertThat(config.section(CodexKind.API_KEYS)).isEmpty();
    assertThat(config.section(ClaudeKind.API_KEYS)).isEmpty();
    assertThat(config.payload().isEmpty()).isTrue();
    assertThat(config.endpoints()).isEqualTo(Config.Endpoints.DEFAULTS);
    assertThat(Optional.of(config.oauthExcludedModels())).hasValue(Map.of());
  }
}
