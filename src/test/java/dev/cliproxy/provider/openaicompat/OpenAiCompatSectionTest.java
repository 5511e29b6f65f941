package dev.cliproxy.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.LoadedConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code openai-compatibility} section: entries normalised, invalid values failing with the
 * file, the key path and the reason (never a secret), dropped keys warned.
 */
class OpenAiCompatSectionTest {
  /** Every secret in the cases below contains this, so one check covers them all. */
  private static final String SECRET = "SECRET";

  private static final ConfigLoader LOADER =
      new ConfigLoader(new OpenAiCompatKind().configSchema());

  @TempDir Path workingDir;

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        // name, yaml, expected message
        Arguments.of(
            "openai-compatibility not a list",
            "openai-compatibility: {name: x}",
            "config.yaml: openai-compatibility: must be a list, got a mapping"),
        Arguments.of(
            "openai-compatibility entry a scalar",
            "openai-compatibility: [openrouter]",
            "config.yaml: openai-compatibility[0]: must be a mapping of keys to values, got a text"
                + " value"),
        Arguments.of(
            "openai-compatibility name missing",
            "openai-compatibility:\n  - base-url: http://h",
            "config.yaml: openai-compatibility[0].name: is required (the provider's name, e.g."
                + " openrouter)"),
        Arguments.of(
            "openai-compatibility names equal ignoring case",
            """
            openai-compatibility:
              - {name: OpenRouter, base-url: http://a}
              - {name: x, base-url: http://b}
              - {name: openrouter, base-url: http://c}
            """,
            "config.yaml: openai-compatibility[2].name: 'openrouter' is already the name of"
                + " openai-compatibility[0] (names must be unique, ignoring case)"),
        Arguments.of(
            "openai-compatibility base-url missing, base_url written",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
              - name: b
                base_url: http://b
            """,
            "config.yaml: openai-compatibility[1].base-url: is required (an http:// or https://"
                + " URL such as https://openrouter.ai/api/v1); found 'base_url', did you mean"
                + " 'base-url'?"),
        Arguments.of(
            "openai-compatibility base-url not http",
            "openai-compatibility:\n  - {name: a, base-url: 'ftp://h/v1?key=SECRET-k'}",
            "config.yaml: openai-compatibility[0].base-url: must be an http:// or https:// URL"
                + " such as https://openrouter.ai/api/v1"),
        Arguments.of(
            "openai-compatibility base-url without host",
            "openai-compatibility:\n  - {name: a, base-url: 'https:///v1?key=SECRET-k'}",
            "config.yaml: openai-compatibility[0].base-url: has no host; expected an http:// or"
                + " https:// URL such as https://openrouter.ai/api/v1"),
        Arguments.of(
            "openai-compatibility base-url not a URL",
            "openai-compatibility:\n  - {name: a, base-url: 'http://h/a b?key=SECRET-k'}",
            "config.yaml: openai-compatibility[0].base-url: not a URL (Illegal character in"
                + " path); expected an http:// or https:// URL such as"
                + " https://openrouter.ai/api/v1"),
        Arguments.of(
            "openai-compatibility header value with a line break",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                headers:
                  Authorization: "Bearer SECRET-t\\r\\nX-Injected: 1"
            """,
            "config.yaml: openai-compatibility[0].headers.Authorization: value must not contain"
                + " line breaks or control characters"),
        Arguments.of(
            "openai-compatibility header name invalid",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                headers:
                  "X Bad": "SECRET-v"
            """,
            "config.yaml: openai-compatibility[0].headers.X Bad: not a valid HTTP header name"),
        Arguments.of(
            "openai-compatibility header twice in different case",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                headers: {X-Key: SECRET-1, x-key: SECRET-2}
            """,
            "config.yaml: openai-compatibility[0].headers.x-key: same header as 'X-Key' (header"
                + " names ignore case); keep one"),
        Arguments.of(
            "openai-compatibility api-key-entries item a scalar",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                api-key-entries: [sk-SECRET-3]
            """,
            "config.yaml: openai-compatibility[0].api-key-entries[0]: must be a mapping of keys to"
                + " values, got a text value"),
        Arguments.of(
            "openai-compatibility api-key-entries bad proxy",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                api-key-entries:
                  - api-key: sk-SECRET-4
                    proxy-url: gopher://u:SECRET-pw@h
            """,
            "config.yaml: openai-compatibility[0].api-key-entries[0].proxy-url: unsupported scheme"
                + " 'gopher'; use http://, https:// or socks5://[user:password@]host:port"),
        Arguments.of(
            "openai-compatibility legacy api-keys item a list",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                api-keys: [[sk-SECRET-5]]
            """,
            "config.yaml: openai-compatibility[0].api-keys[0]: must be a text value, got a list"),
        Arguments.of(
            "openai-compatibility model without name",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                models:
                  - {alias: fast}
            """,
            "config.yaml: openai-compatibility[0].models[0].name: is required (the upstream's model"
                + " name)"),
        Arguments.of(
            "openai-compatibility model a scalar",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                models: [gpt-4o]
            """,
            "config.yaml: openai-compatibility[0].models[0]: must be a mapping with a name and an"
                + " optional alias"),
        Arguments.of(
            "openai-compatibility two models with one client name",
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                models:
                  - {name: gpt-4o}
                  - {name: gpt-4o-2024, alias: fast}
                  - {name: other, alias: gpt-4o}
            """,
            "config.yaml: openai-compatibility[0].models[2]: clients would reach 'gpt-4o' through"
                + " openai-compatibility[0].models[0] too; give one of them a different alias"),
        Arguments.of(
            "disabled entry still validated",
            "openai-compatibility:\n  - {name: a, disabled: true}",
            "config.yaml: openai-compatibility[0].base-url: is required (an http:// or https://"
                + " URL such as https://openrouter.ai/api/v1)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void invalidValueFailsWithKeyPathAndNoSecret(String name, String yaml, String expected) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> LOADER.parse(yaml, workingDir));

    assertThat(e).as("no exception for: %s", name).isNotNull();
    assertThat(e.getMessage()).isEqualTo(expected).doesNotContain(SECRET);
    assertThat(e.source()).isEqualTo("config.yaml");
  }

  @Test
  void openAiCompatibilityEntriesAreNormalised() {
    List<OpenAiCompatibility> entries =
        LOADER
            .parse(
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
            .section(OpenAiCompatKind.UPSTREAMS);

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
  void droppedApiKeyEntriesAreWarnedByIndexWithoutTheKey() {
    LoadedConfig loaded =
        LOADER.parse(
            """
            openai-compatibility:
              - name: a
                base-url: http://a
                api-key-entries:
                  - api-key: sk-SECRET
                  - api-key: ""
                  - api-key: sk-SECRET
                    proxy-url: http://p:1
            """,
            workingDir);

    assertThat(loaded.warnings())
        .containsExactly(
            "openai-compatibility[0].api-key-entries[1]: no api-key (entry ignored)",
            "openai-compatibility[0].api-key-entries[2]: same api-key as"
                + " openai-compatibility[0].api-key-entries[0] (duplicate ignored)");
    assertThat(loaded.config().section(OpenAiCompatKind.UPSTREAMS).get(0).apiKeyEntries())
        .hasSize(1);
  }
}
