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

  private static final ConfigLoader LOADER = new ConfigLoader(ConfigSchema.EMPTY);

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
            "api-keys item a mapping without its key",
            "api-keys:\n  - ok\n  - {kye: sk-SECRET-2}",
            "config.yaml: api-keys[1].key: is required in a mapping entry (the key clients send);"
                + " found 'kye', did you mean 'key'?"),
        Arguments.of(
            "api-keys item a list",
            "api-keys:\n  - [sk-SECRET-2]",
            "config.yaml: api-keys[0]: must be a text value, got a list"),
        Arguments.of(
            "api-keys limit not a whole number",
            "api-keys:\n  - {key: sk-SECRET-2, requests-per-minute: 1.5}",
            "config.yaml: api-keys[0].requests-per-minute: must be a whole number of at least 0,"
                + " got \"1.5\""),
        Arguments.of(
            "api-keys negative budget",
            "api-keys:\n  - {key: sk-SECRET-2, monthly-cost-budget: -3}",
            "config.yaml: api-keys[0].monthly-cost-budget: must be a number of at least 0, got -3"),
        Arguments.of(
            "model-prices entry without a model",
            "model-prices:\n  - {input: 1}",
            "config.yaml: model-prices[0].model: is required (a model name, '*' for any run of"
                + " characters)"),
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
        catchThrowableOfType(ConfigException.class, () -> LOADER.parse(yaml, workingDir));

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
            () -> LOADER.parse("tls: {enable: true, cert: cert.pem, key: nope.pem}", workingDir));
    ConfigException directory =
        catchThrowableOfType(
            ConfigException.class,
            () -> LOADER.parse("tls: {enable: true, cert: cert.pem, key: keydir}", workingDir));

    assertThat(missing)
        .hasMessage("config.yaml: tls.key: no such file: " + workingDir.resolve("nope.pem"));
    assertThat(directory)
        .hasMessage("config.yaml: tls.key: not a regular file: " + workingDir.resolve("keydir"));
  }

  @Test
  void tlsFilesAreNotCheckedWhileTlsIsDisabled() {
    Config.Tls tls =
        LOADER.parse("tls: {enable: false, cert: nope.pem}", workingDir).config().tls();

    assertThat(tls.enable()).isFalse();
    assertThat(tls.cert()).contains(workingDir.resolve("nope.pem"));
  }

  @Test
  void messageNamesTheFileItCameFrom() throws Exception {
    Path file = workingDir.resolve("my-config.yaml");
    Files.writeString(file, "port: -1\n");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> LOADER.load(file));

    assertThat(e).hasMessage(file + ": port: must be an integer between 1 and 65535, got -1");
    assertThat(e.where()).isEqualTo("port");
    assertThat(e.problem()).isEqualTo("must be an integer between 1 and 65535, got -1");
  }
}
