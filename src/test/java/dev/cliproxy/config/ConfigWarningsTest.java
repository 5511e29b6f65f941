package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.cli.ProviderKinds;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWarningsTest {

  /** The core keys and the shipped provider kinds' sections, as the proxy reads its file. */
  private static final ConfigLoader SHIPPED = ProviderKinds.shipped().configLoader();

  @TempDir Path workingDir;

  @Test
  void unknownKeysAnywhereAreWarnedWithTheirFullPathAndASuggestion() {
    LoadedConfig loaded =
        SHIPPED.parse(
            """
            prot: 8317
            Debug: true
            completely-unrelated: 1
            tls:
              enabled: false
            openai-compatibility:
              - name: a
                base-url: http://a
              - name: b
                base-url: http://b
                base_url: http://b
                api-key-entries:
                  - api-key: k
                    proxy: socks5://h:1
                models:
                  - name: m
                    aliass: n
            """,
            workingDir);

    assertThat(loaded.warnings())
        .containsExactly(
            "unknown key 'prot' (ignored); did you mean 'port'?",
            "unknown key 'Debug' (ignored); did you mean 'debug'?",
            "unknown key 'completely-unrelated' (ignored)",
            "unknown key 'tls.enabled' (ignored); did you mean 'enable'?",
            "unknown key 'openai-compatibility[1].base_url' (ignored); did you mean 'base-url'?",
            "unknown key 'openai-compatibility[1].api-key-entries[0].proxy' (ignored)",
            "unknown key 'openai-compatibility[1].models[0].aliass' (ignored); did you mean"
                + " 'alias'?");
  }

  @Test
  void theResponsesWebSocketSectionWarnsAboutAMisspelledKey() {
    LoadedConfig loaded =
        SHIPPED.parse(
            """
            responses-websocket:
              max-opne: 4
              idle-timeout-seconds: 60
            """,
            workingDir);

    assertThat(loaded.warnings())
        .containsExactly(
            "unknown key 'responses-websocket.max-opne' (ignored); did you mean 'max-open'?");
  }

  @Test
  void keysCliProxyApiKnowsButThisVersionDoesNotUseGetTheirOwnWarning() {
    LoadedConfig loaded =
        SHIPPED.parse(
            """
            ws-auth: true
            xai-api-key:
              - api-key: xai-SECRET
            routing: {strategy: fill-first}
            streaming: {keepalive-seconds: 15}
            oauth-excluded-models:
            openai-compatibility:
              - name: a
                base-url: http://a
                prefix: p
                api-key-entries: [{api-key: k, weight: 5}]
                models: [{name: m, thinking: {levels: [low]}}]
            """,
            workingDir);

    assertThat(loaded.warnings())
        .containsExactly(
            "key 'ws-auth' is recognised but not used by this version yet (ignored)",
            "key 'xai-api-key' is recognised but not used by this version yet (ignored)",
            "key 'routing' is recognised but not used by this version yet (ignored)",
            "key 'streaming' is recognised but not used by this version yet (ignored)",
            "key 'openai-compatibility[0].prefix' is recognised but not used by this version yet"
                + " (ignored)",
            "key 'openai-compatibility[0].api-key-entries[0].weight' is recognised but not used by"
                + " this version yet (ignored)",
            "key 'openai-compatibility[0].models[0].thinking' is recognised but not used by this"
                + " version yet (ignored)");
    assertThat(String.join("\n", loaded.warnings())).doesNotContain("SECRET");
  }

  @Test
  void theAmpKeysAreReadNowSoTheyAreNoLongerOnlyRecognised() {
    LoadedConfig loaded =
        SHIPPED.parse(
            """
            amp-upstream-url: https://ampcode.com
            amp-upstream-api-key: sgamp_SECRET
            amp-restrict-management-to-localhost: true
            amp-model-mappings: [{from: a, to: b}]
            """,
            workingDir);
    assertThat(loaded.warnings()).isEmpty();
    assertThat(
            SHIPPED.parse("ampcode: {upstream-url: https://ampcode.com}\n", workingDir).warnings())
        .isEmpty();
  }

  @Test
  void clientKeyEntriesWarnTheirUnknownKeysAndRepeatedKeys() {
    LoadedConfig loaded =
        SHIPPED.parse(
            """
            api-keys:
              - plain-SECRET
              - key: team-SECRET
                requests-per-minit: 5
                credential-group: pool-a
              - plain-SECRET
            model-prices:
              - {model: "m*", input: 1, outptu: 2}
            """,
            workingDir);

    assertThat(loaded.warnings())
        .containsExactly(
            "unknown key 'api-keys[1].requests-per-minit' (ignored); did you mean"
                + " 'requests-per-minute'?",
            "unknown key 'api-keys[1].credential-group' (ignored); did you mean"
                + " 'credential-groups'?",
            "api-keys[2]: the same key as api-keys[0] (duplicate ignored)",
            "unknown key 'model-prices[0].outptu' (ignored); did you mean 'output'?");
    assertThat(loaded.config().apiKeys()).containsExactly("plain-SECRET", "team-SECRET");
  }

  @Test
  void keyLimitsThatWouldNotSurviveARestartAreWarned() {
    LoadedConfig loaded =
        SHIPPED.parse(
            """
            api-keys:
              - {key: team-SECRET, monthly-token-budget: 1000}
            usage:
              enabled: false
              retention-days: 7
            """,
            workingDir);

    assertThat(loaded.warnings())
        .containsExactly(
            "api-keys: usage is not recorded (usage.enabled or usage-statistics-enabled is false),"
                + " so the keys' limits count from zero after every restart",
            "api-keys: monthly budgets read back a month of usage after a restart, but"
                + " usage.retention-days is 7; set it to 31 or more (or 0)");
    assertThat(SHIPPED.parse("api-keys: [plain]\nusage: {enabled: false}\n", workingDir).warnings())
        .as("plain keys have nothing to lose")
        .isEmpty();
  }
}
