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
}
