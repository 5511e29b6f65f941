package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid value fails with the file, the key path and the reason, and never a secret. */
class ConfigLoaderErrorTest {

  /** Every secret in the cases below contains this, so one check covers them all. */
  private static final String SECRET = "SECRET";

  @TempDir Path workingDir;

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        // name, yaml, expected message
        Arguments.of(
            "port not a number",
            "port: abc",
            "config.yaml: port: must be an integer between 1 and 65535, got \"abc\""),
        Arguments.of(
            "port zero",
            "port: 0",
            "config.yaml: port: must be an integer between 1 and 65535, got 0"),
        Arguments.of(
            "port too large",
            "port: 99999999999999999999",
            "config.yaml: port: must be an integer between 1 and 65535, got 99999999999999999999"),
        Arguments.of(
            "port fraction",
            "port: 8317.5",
            "config.yaml: port: must be an integer between 1 and 65535, got \"8317.5\""),
        Arguments.of(
            "port quoted",
            "port: '8317'",
            "config.yaml: port: must be an integer between 1 and 65535, got \"8317\""),
        Arguments.of(
            "port hex",
            "port: 0x1F",
            "config.yaml: port: must be an integer between 1 and 65535, got \"0x1F\""),
        Arguments.of(
            "port a list",
            "port: [1]",
            "config.yaml: port: must be an integer between 1 and 65535, got a list"),
        Arguments.of(
            "debug not a boolean",
            "debug: maybe",
            "config.yaml: debug: must be true or false, got \"maybe\""),
        Arguments.of(
            "logging-to-file a number",
            "logging-to-file: 1",
            "config.yaml: logging-to-file: must be true or false, got 1"),
        Arguments.of(
            "request-retry negative",
            "request-retry: -1",
            "config.yaml: request-retry: must be an integer of at least 0, got -1"),
        Arguments.of(
            "max-retry-interval negative",
            "max-retry-interval: -30",
            "config.yaml: max-retry-interval: must be an integer of at least 0, got -30"),
        Arguments.of(
            "max-body-size-mb zero",
            "max-body-size-mb: 0",
            "config.yaml: max-body-size-mb: must be an integer of at least 1, got 0"),
        Arguments.of(
            "host a mapping",
            "host: {a: 1}",
            "config.yaml: host: must be a text value, got a mapping"),
        Arguments.of(
            "tls not a mapping",
            "tls: true",
            "config.yaml: tls: must be a mapping of keys to values, got a boolean"),
        Arguments.of(
            "tls enabled without cert",
            "tls:\n  enable: true\n  key: key.pem",
            "config.yaml: tls.cert: is required when tls.enable is true (a PEM file)"),
        Arguments.of(
            "tls cert misspelt",
            "tls:\n  enable: true\n  certt: c.pem\n  key: key.pem",
            "config.yaml: tls.cert: is required when tls.enable is true (a PEM file);"
                + " found 'certt', did you mean 'cert'?"),
        Arguments.of(
            "auth-dir not a path",
            "auth-dir: \"a\\0b\"",
            "config.yaml: auth-dir: not a valid path (Nul character not allowed)"),
        Arguments.of(
            "api-keys a scalar",
            "api-keys: sk-SECRET-1",
            "config.yaml: api-keys: must be a list, got a text value"),
        Arguments.of(
            "api-keys item a mapping",
            "api-keys:\n  - ok\n  - {key: sk-SECRET-2}",
            "config.yaml: api-keys[1]: must be a text value, got a mapping"),
        Arguments.of(
            "proxy-url unsupported scheme",
            "proxy-url: ftp://user:SECRET-pw@proxy:21",
            "config.yaml: proxy-url: unsupported scheme 'ftp';"
                + " use http://, https:// or socks5://[user:password@]host:port"),
        Arguments.of(
            "proxy-url without host",
            "proxy-url: socks5://user:SECRET-pw@:1080",
            "config.yaml: proxy-url: missing host; expected socks5://host:port"),
        Arguments.of(
            "proxy-url direct",
            "proxy-url: direct",
            "config.yaml: proxy-url: 'direct' (bypass the global proxy) is not supported by this"
                + " version yet"),
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
                + " URL such as https://openrouter.ai/api/v1)"),
        Arguments.of(
            "document a list",
            "- port: 1",
            "config.yaml: the file must be a mapping of keys to values (like 'port: 8317')"),
        Arguments.of(
            "yaml syntax error",
            "port: 8317\napi-keys: [sk-SECRET-6\ndebug: true\n",
            "config.yaml: line 3, column 6: while parsing a flow sequence: expected ',' or ']', but"
                + " got :"),
        Arguments.of(
            "yaml unterminated quote",
            "api-keys:\n  - \"sk-SECRET-7\n",
            "config.yaml: line 3, column 1: while scanning a quoted scalar: found unexpected end of"
                + " stream"),
        Arguments.of(
            "yaml tab indentation",
            "tls:\n\tenable: true\n",
            "config.yaml: line 2, column 1: while scanning for the next token: found character"
                + " '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
        Arguments.of(
            "duplicate key",
            "port: 1\nhost: h\nport: 2\n",
            "config.yaml: line 3, column 1: key 'port' appears twice"),
        Arguments.of(
            "alias",
            "a: &k sk-SECRET-8\napi-keys: [*k]\n",
            "config.yaml: line 2, column 12: YAML aliases (*name) are not supported; write the"
                + " value out instead"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void invalidValueFailsWithKeyPathAndNoSecret(String name, String yaml, String expected) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, workingDir));

    assertThat(e).as("no exception for: %s", name).isNotNull();
    assertThat(e.getMessage()).isEqualTo(expected).doesNotContain(SECRET);
    assertThat(e.source()).isEqualTo("config.yaml");
  }

  @Test
  void missingTlsFilesAreNamedByKey() throws Exception {
    Files.writeString(workingDir.resolve("cert.pem"), "cert");
    Files.createDirectory(workingDir.resolve("keydir"));

    ConfigException missing =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "tls: {enable: true, cert: cert.pem, key: nope.pem}", workingDir));
    ConfigException directory =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.parse("tls: {enable: true, cert: cert.pem, key: keydir}", workingDir));

    assertThat(missing)
        .hasMessage("config.yaml: tls.key: no such file: " + workingDir.resolve("nope.pem"));
    assertThat(directory)
        .hasMessage("config.yaml: tls.key: not a regular file: " + workingDir.resolve("keydir"));
  }

  @Test
  void tlsFilesAreNotCheckedWhileTlsIsDisabled() {
    Config.Tls tls =
        ConfigLoader.parse("tls: {enable: false, cert: nope.pem}", workingDir).config().tls();

    assertThat(tls.enable()).isFalse();
    assertThat(tls.cert()).contains(workingDir.resolve("nope.pem"));
  }

  @Test
  void messageNamesTheFileItCameFrom() throws Exception {
    Path file = workingDir.resolve("my-config.yaml");
    Files.writeString(file, "port: -1\n");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

    assertThat(e).hasMessage(file + ": port: must be an integer between 1 and 65535, got -1");
    assertThat(e.where()).isEqualTo("port");
    assertThat(e.problem()).isEqualTo("must be an integer between 1 and 65535, got -1");
  }
}
