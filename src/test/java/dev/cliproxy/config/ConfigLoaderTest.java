package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.amp.AmpSettings;
import dev.cliproxy.amp.ModelMapping;
import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.logs.RequestLogSettings;
import dev.cliproxy.management.ManagementSettings;
import dev.cliproxy.metrics.MetricsSettings;
import dev.cliproxy.provider.claude.ClaudeKind;
import dev.cliproxy.provider.codex.CodexKind;
import dev.cliproxy.provider.geminikey.GeminiKeyKind;
import dev.cliproxy.provider.openaicompat.ApiKeyEntry;
import dev.cliproxy.provider.openaicompat.OpenAiCompatKind;
import dev.cliproxy.provider.openaicompat.OpenAiCompatibility;
import dev.cliproxy.provider.vertex.VertexKind;
import dev.cliproxy.server.responses.ResponsesSocketSettings;
import dev.cliproxy.usage.UsageSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Path HOME = Path.of(System.getProperty("user.home")).toAbsolutePath();

  /** The core keys alone. */
  private static final ConfigLoader CORE = new ConfigLoader(ConfigSchema.EMPTY);

  /** The core keys and the shipped provider kinds' sections, as the proxy reads its file. */
  private static final ConfigLoader SHIPPED = ProviderKinds.shipped().configLoader();

  @TempDir Path workingDir;

  @Test
  void fullCliProxyApiStyleFileParsesIntoTheExpectedRecords() throws URISyntaxException {
    Path file = Path.of(getClass().getResource("/config/full.yaml").toURI());

    LoadedConfig loaded = SHIPPED.load(file);

    OpenAiCompatibility openRouter =
        new OpenAiCompatibility(
            "openrouter",
            "https://openrouter.ai/api/v1",
            Map.of("X-Custom-Header", "custom-value"),
            List.of(
                new ApiKeyEntry(
                    "sk-or-v1-aaaa", Optional.of(ProxyUrl.parse("http://proxy.example.com:3128"))),
                new ApiKeyEntry("sk-or-v1-bbbb", Optional.empty()),
                new ApiKeyEntry("sk-or-v1-cccc", Optional.empty())),
            List.of(
                new ModelAlias("moonshotai/kimi-k2:free", "kimi-k2"),
                new ModelAlias("deepseek/deepseek-chat", "")));
    OpenAiCompatibility localVllm =
        new OpenAiCompatibility(
            "Local-vLLM",
            "http://localhost:8000/v1",
            Map.of(),
            List.of(new ApiKeyEntry("local-key", Optional.empty())),
            List.of(new ModelAlias("qwen2.5-coder", "qwen")));
    SectionValues kindSections =
        SectionValues.NONE
            .with(OpenAiCompatKind.UPSTREAMS, List.of(openRouter, localVllm))
            .with(CodexKind.API_KEYS, List.of())
            .with(ClaudeKind.API_KEYS, List.of())
            .with(
                GeminiKeyKind.API_KEYS,
                List.of(
                    new ProviderKey(
                        "AIzaSy...01",
                        Optional.of("https://generativelanguage.googleapis.com"),
                        Optional.empty(),
                        Map.of(),
                        List.of(),
                        List.of())))
            .with(GeminiKeyKind.LEGACY_KEYS, List.of())
            .with(VertexKind.API_KEYS, List.of());
    // The Amp sections are checked through AmpSettings below, the management, metrics, logging and
    // usage sections by their own tests (and usage-statistics-enabled below); here they are taken
    // as read.
    for (ConfigSection<?> module :
        AmpSettings.SCHEMA
            .plus(ManagementSettings.SCHEMA)
            .plus(MetricsSettings.SCHEMA)
            .plus(RequestLogSettings.SCHEMA)
            .plus(UsageSettings.SCHEMA)
            .plus(ResponsesSocketSettings.SCHEMA)
            .sections()) {
      kindSections = copy(kindSections, module, loaded.config());
    }
    Config expected =
        new Config(
            "127.0.0.1",
            8418,
            Config.Tls.DISABLED,
            HOME.resolve(".cli-proxy-api"),
            List.of("client-key-1", "client-key-2"),
            List.of(
                ClientKeyPolicy.unrestricted("client-key-1"),
                ClientKeyPolicy.unrestricted("client-key-2")),
            List.of(),
            true,
            true,
            Optional.of(
                new ProxyUrl(
                    ProxyUrl.Scheme.SOCKS5,
                    "192.168.1.1",
                    1080,
                    Optional.of("user"),
                    Optional.of("proxy-password"))),
            3,
            30,
            16L * 1024 * 1024,
            Map.of(),
            Config.Payload.NONE,
            Config.Endpoints.DEFAULTS,
            kindSections);
    assertThat(loaded.config()).isEqualTo(expected);
    assertThat(AmpSettings.of(loaded.config()))
        .isEqualTo(
            new AmpSettings(
                Optional.of(URI.create("https://ampcode.com")),
                Optional.of("amp-secret-do-not-log"),
                List.of(),
                true,
                List.of(ModelMapping.exact("claude-opus-4-1", "claude-sonnet-4-5")),
                false));
    assertThat(
            loaded.config().section(OpenAiCompatKind.UPSTREAMS).get(0).models().get(1).clientName())
        .isEqualTo("deepseek/deepseek-chat");
    assertThat(ManagementSettings.of(loaded.config()).secretKey())
        .contains("mgmt-secret-do-not-log");
    assertThat(UsageSettings.of(loaded.config()))
        .as("usage-statistics-enabled: false stops recording")
        .isEqualTo(new UsageSettings(true, false, Optional.empty(), 90));
    assertThat(loaded.warnings())
        .containsExactly(
            "key 'quota-exceeded' is recognised but not used by this version yet (ignored)",
            "key 'ws-auth' is recognised but not used by this version yet (ignored)",
            "api-keys[3]: the same key as api-keys[0] (duplicate ignored)");
  }

  private static <T> SectionValues copy(
      SectionValues values, ConfigSection<T> section, Config from) {
    return values.with(section, from.section(section));
  }

  @Test
  void defaultsHaveEveryDocumentedValue() {
    Config defaults = SHIPPED.defaults();

    assertThat(defaults.host()).isEmpty();
    assertThat(defaults.port()).isEqualTo(8317);
    assertThat(defaults.tls()).isEqualTo(Config.Tls.DISABLED);
    assertThat(defaults.authDir()).isEqualTo(HOME.resolve(".cli-proxy-api"));
    assertThat(defaults.apiKeys()).isEmpty();
    assertThat(defaults.debug()).isFalse();
    assertThat(defaults.loggingToFile()).isFalse();
    assertThat(defaults.proxyUrl()).isEmpty();
    assertThat(defaults.requestRetry()).isZero();
    assertThat(defaults.maxRetryIntervalSeconds()).isZero();
    assertThat(defaults.maxBodyBytes()).isEqualTo(Config.DEFAULT_MAX_BODY_BYTES);
    assertThat(defaults.section(OpenAiCompatKind.UPSTREAMS)).isEmpty();
    assertThat(defaults.section(CodexKind.API_KEYS)).isEmpty();
    assertThat(defaults.section(ClaudeKind.API_KEYS)).isEmpty();
    assertThat(AmpSettings.of(defaults)).isEqualTo(AmpSettings.DEFAULTS);
    assertThat(AmpSettings.DEFAULTS.restrictManagementToLocalhost()).isTrue();
  }

  @Test
  void emptyFileCommentOnlyFileAndNullDocumentGiveDefaults() {
    for (String yaml : List.of("", "\n\n", "# only\n  # comments\n", "~\n", "---\n", "\uFEFF")) {
      LoadedConfig loaded = SHIPPED.parse(yaml, workingDir);
      assertThat(loaded.config()).as("for %s", yaml).isEqualTo(SHIPPED.defaults());
      assertThat(loaded.warnings()).isEmpty();
    }
  }

  @Test
  void nullValuedKeysKeepTheirDefaults() {
    Config config =
        SHIPPED
            .parse(
                "host:\nport:\ntls:\napi-keys:\nproxy-url:\nmax-body-size-mb:\n"
                    + "openai-compatibility:\ncodex-api-key:\nauth-dir: \"\"\n",
                workingDir)
            .config();

    assertThat(config).isEqualTo(SHIPPED.defaults());
  }

  @Test
  void tildeAndRelativePathsResolve() {
    assertThat(authDir("auth-dir: \"~\"")).isEqualTo(HOME);
    assertThat(authDir("auth-dir: ~/tokens")).isEqualTo(HOME.resolve("tokens"));
    assertThat(authDir("auth-dir: '~\\tokens\\x'")).isEqualTo(HOME.resolve("tokens/x"));
    assertThat(authDir("auth-dir: tokens/../auths")).isEqualTo(workingDir.resolve("auths"));
    assertThat(authDir("auth-dir: /srv/auths")).isEqualTo(Path.of("/srv/auths"));
  }

  @Test
  void tlsFilesResolveAndMustExistWhenEnabled() throws Exception {
    Files.writeString(workingDir.resolve("cert.pem"), "cert");
    Files.writeString(workingDir.resolve("key.pem"), "key");

    Config config =
        CORE.parse("tls:\n  enable: true\n  cert: cert.pem\n  key: key.pem\n", workingDir).config();

    assertThat(config.tls())
        .isEqualTo(
            new Config.Tls(
                true,
                Optional.of(workingDir.resolve("cert.pem")),
                Optional.of(workingDir.resolve("key.pem"))));
  }

  @Test
  void scalarsThatOnlyLookLikeNumbersOrBooleansKeepTheirText() {
    Config config =
        SHIPPED
            .parse(
                """
                debug: yes
                logging-to-file: off
                api-keys: [0123, 1.10, 0x1F, on, 42]
                openai-compatibility:
                  - name: 007
                    base-url: http://h
                    models: [{name: 1.50, alias: no}]
                """,
                workingDir)
            .config();

    assertThat(config.debug()).isTrue();
    assertThat(config.loggingToFile()).isFalse();
    assertThat(config.apiKeys()).containsExactly("0123", "1.10", "0x1F", "on", "42");
    assertThat(config.section(OpenAiCompatKind.UPSTREAMS).get(0).name()).isEqualTo("007");
    assertThat(config.section(OpenAiCompatKind.UPSTREAMS).get(0).models())
        .containsExactly(new ModelAlias("1.50", "no"));
  }

  @Test
  void loadNamesTheFileWhenItIsMissingOrNotUtf8() throws Exception {
    Path missing = workingDir.resolve("missing.yaml");
    assertThatThrownBy(() -> CORE.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": no such file");

    Path latin1 = workingDir.resolve("latin1.yaml");
    Files.write(latin1, "host: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> CORE.load(latin1))
        .isInstanceOf(ConfigException.class)
        .hasMessage(latin1 + ": not valid UTF-8 text");
  }

  @Test
  void loadUsesTheGivenPathRules() throws Exception {
    Path file = workingDir.resolve("config.yaml");
    Files.writeString(file, "auth-dir: auths\n");
    PathRules rules = new PathRules(workingDir.resolve("home"), workingDir.resolve("cwd"));

    assertThat(CORE.load(file, rules).config().authDir())
        .isEqualTo(workingDir.resolve("cwd/auths"));
  }

  private Path authDir(String yaml) {
    return CORE.parse(yaml, workingDir).config().authDir();
  }

  @Test
  void clientKeyEntriesCarryTheirPolicyAndPlainStringsStayUnrestricted() {
    LoadedConfig loaded =
        ProviderKinds.shipped()
            .configLoader()
            .parse(
                """
                api-keys:
                  - plain-key
                  - key: team-key
                    name: team a
                    models: ["gpt-5*", claude-sonnet-4-5]
                    providers: [codex]
                    credential-groups: [pool-a, pool-b]
                    requests-per-minute: 60
                    requests-per-day: 5000
                    tokens-per-minute: 200000
                    tokens-per-day: 3000000
                    concurrent-requests: 4
                    monthly-token-budget: 100000000
                    monthly-cost-budget: 25.5
                model-prices:
                  - {model: "my-model*", input: 2, output: 8}
                codex-api-key:
                  - {api-key: k, credential-group: pool-a}
                """,
                HOME);

    Config config = loaded.config();
    assertThat(loaded.warnings()).isEmpty();
    assertThat(config.apiKeys()).containsExactly("plain-key", "team-key");
    assertThat(config.keyPolicies())
        .containsExactly(
            ClientKeyPolicy.unrestricted("plain-key"),
            new ClientKeyPolicy(
                "team-key",
                "team a",
                List.of("gpt-5*", "claude-sonnet-4-5"),
                List.of("codex"),
                List.of("pool-a", "pool-b"),
                new ClientKeyPolicy.Limits(60, 5000, 200_000, 3_000_000, 4, 100_000_000, 25.5)));
    assertThat(config.modelPrices())
        .as("cached and cache-write default to the input price")
        .containsExactly(new ModelPrice("my-model*", 2, 8, 2, 2));
    assertThat(config.section(CodexKind.API_KEYS).get(0).credentialGroup()).isEqualTo("pool-a");
    assertThat(config.keyPolicies().get(0).restricted()).isFalse();
    assertThat(config.keyPolicies().get(1).restricted()).isTrue();
  }
}
