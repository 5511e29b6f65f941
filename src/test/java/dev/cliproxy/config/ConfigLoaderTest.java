package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.config.Config.ApiKeyEntry;
import dev.cliproxy.config.Config.ModelAlias;
import dev.cliproxy.config.Config.OpenAiCompatibility;
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

  @TempDir Path workingDir;

  @Test
  void fullCliProxyApiStyleFileParsesIntoTheExpectedRecords() throws URISyntaxException {
    Path file = Path.of(getClass().getResource("/config/full.yaml").toURI());

    LoadedConfig loaded = ConfigLoader.load(file);

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
    Config expected =
        new Config(
            "127.0.0.1",
            8418,
            Config.Tls.DISABLED,
            HOME.resolve(".cli-proxy-api"),
            List.of("client-key-1", "client-key-2"),
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
            List.of(openRouter, localVllm),
            List.of(),
            List.of(),
            Map.of(),
            Config.Payload.NONE,
            Config.Endpoints.DEFAULTS);
    assertThat(loaded.config()).isEqualTo(expected);
    assertThat(loaded.config().openaiCompatibility().get(0).models().get(1).clientName())
        .isEqualTo("deepseek/deepseek-chat");
    assertThat(loaded.warnings())
        .containsExactly(
            "key 'remote-management' is recognised but not used by this version yet (ignored)",
            "key 'usage-statistics-enabled' is recognised but not used by this version yet (ignored)",
            "key 'quota-exceeded' is recognised but not used by this version yet (ignored)",
            "key 'ws-auth' is recognised but not used by this version yet (ignored)",
            "key 'gemini-api-key' is recognised but not used by this version yet (ignored)");
  }

  @Test
  void defaultsHaveEveryDocumentedValue() {
    Config defaults = ConfigLoader.defaults();

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
    assertThat(defaults.openaiCompatibility()).isEmpty();
  }

  @Test
  void emptyFileCommentOnlyFileAndNullDocumentGiveDefaults() {
    for (String yaml : List.of("", "\n\n", "# only\n  # comments\n", "~\n", "---\n", "\uFEFF")) {
      LoadedConfig loaded = ConfigLoader.parse(yaml, workingDir);
      assertThat(loaded.config()).as("for %s", yaml).isEqualTo(ConfigLoader.defaults());
      assertThat(loaded.warnings()).isEmpty();
    }
  }

  @Test
  void nullValuedKeysKeepTheirDefaults() {
    Config config =
        ConfigLoader.parse(
                "host:\nport:\ntls:\napi-keys:\nproxy-url:\nmax-body-size-mb:\n"
                    + "openai-compatibility:\nauth-dir: \"\"\n",
                workingDir)
            .config();

    assertThat(config).isEqualTo(ConfigLoader.defaults());
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
        ConfigLoader.parse("tls:\n  enable: true\n  cert: cert.pem\n  key: key.pem\n", workingDir)
            .config();

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
        ConfigLoader.parse(
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
    assertThat(config.openaiCompatibility().get(0).name()).isEqualTo("007");
    assertThat(config.openaiCompatibility().get(0).models())
        .containsExactly(new ModelAlias("1.50", "no"));
  }

  @Test
  void openAiCompatibilityEntriesAreNormalised() {
    List<OpenAiCompatibility> entries =
        ConfigLoader.parse(
                """
                openai-compatibility:
                  - name: " spaced "
                    base-url: "https://api.example.com/v1///"
                    headers: {" X-A ": " 1 ", "": "dropped", X-B: "  "}
                    api-key-entries:
                      - api-key: " k1 "
                      - proxy-url: "socks5://p:1080"
                    api-keys: [k1, "", k2, k2]
                  - name: off-switch
                    disabled: true
                    base-url: http://localhost:1
                """,
                workingDir)
            .config()
            .openaiCompatibility();

    assertThat(entries).hasSize(1); // the disabled entry is validated but left out
    OpenAiCompatibility entry = entries.get(0);
    assertThat(entry.name()).isEqualTo("spaced");
    assertThat(entry.baseUrl()).isEqualTo("https://api.example.com/v1");
    assertThat(entry.headers()).isEqualTo(Map.of("X-A", "1"));
    assertThat(entry.apiKeyEntries())
        .containsExactly(
            new ApiKeyEntry("k1", Optional.empty()), new ApiKeyEntry("k2", Optional.empty()));
    assertThat(entry.models()).isEmpty();
  }

  @Test
  void loadNamesTheFileWhenItIsMissingOrNotUtf8() throws Exception {
    Path missing = workingDir.resolve("missing.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": no such file");

    Path latin1 = workingDir.resolve("latin1.yaml");
    Files.write(latin1, "host: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ConfigLoader.load(latin1))
        .isInstanceOf(ConfigException.class)
        .hasMessage(latin1 + ": not valid UTF-8 text");
  }

  @Test
  void loadUsesTheGivenPathRules() throws Exception {
    Path file = workingDir.resolve("config.yaml");
    Files.writeString(file, "auth-dir: auths\n");
    PathRules rules = new PathRules(workingDir.resolve("home"), workingDir.resolve("cwd"));

    assertThat(ConfigLoader.load(file, rules).config().authDir())
        .isEqualTo(workingDir.resolve("cwd/auths"));
  }

  private Path authDir(String yaml) {
    return ConfigLoader.parse(yaml, workingDir).config().authDir();
  }
}
