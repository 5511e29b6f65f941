package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.LoadedConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Amp settings as the shipped loader reads them: both spellings, which one wins and the warning
 * that says so, the defaults, and the values that fail the load or are warned and left out.
 */
class AmpSettingsTest {
  private static final ConfigLoader SHIPPED = ProviderKinds.shipped().configLoader();
  private static final Path DIR = Path.of("/work/dir");

  private static LoadedConfig load(String yaml) {
    return SHIPPED.parse(yaml, DIR);
  }

  private static AmpSettings settings(String yaml) {
    return AmpSettings.of(load(yaml).config());
  }

  @Test
  void noAmpKeysGiveTheDefaultsWithTheRestrictionOn() {
    AmpSettings defaults = settings("port: 8317\n");
    assertThat(defaults).isEqualTo(AmpSettings.DEFAULTS);
    assertThat(defaults.upstreamUrl()).isEmpty();
    assertThat(defaults.restrictManagementToLocalhost()).isTrue();
    assertThat(defaults.forceModelMappings()).isFalse();
    assertThat(settings("ampcode: {}\n")).isEqualTo(AmpSettings.DEFAULTS);
    assertThat(settings("ampcode:\n"))
        .as("a block without a value is no block")
        .isEqualTo(AmpSettings.DEFAULTS);
  }

  @Test
  void theSeedsFlatKeysAreReadWithoutWarnings() {
    LoadedConfig loaded =
        load(
            """
            amp-upstream-url: "https://ampcode.com/"
            amp-upstream-api-key: "  sgamp_flat_SECRET  "
            amp-restrict-management-to-localhost: false
            amp-model-mappings:
              - from: claude-opus-4-1
                to: claude-sonnet-4-5
              - {from: "gpt-5.*", to: gpt-5-codex, regex: true}
            """);

    assertThat(loaded.warnings()).isEmpty();
    assertThat(AmpSettings.of(loaded.config()))
        .isEqualTo(
            new AmpSettings(
                Optional.of(URI.create("https://ampcode.com")),
                Optional.of("sgamp_flat_SECRET"),
                List.of(),
                false,
                List.of(
                    ModelMapping.exact("claude-opus-4-1", "claude-sonnet-4-5"),
                    new ModelMapping("gpt-5.*", "gpt-5-codex", true)),
                false));
  }

  @Test
  void theAmpcodeBlockIsReadWithItsOwnDefaults() {
    LoadedConfig loaded =
        load(
            """
            ampcode:
              upstream-url: http://127.0.0.1:9000/amp//
              upstream-api-key: sgamp_block_SECRET
              upstream-api-keys:
                - upstream-api-key: sgamp_team_a_SECRET
                  api-keys: [client-a1, " client-a2 "]
                - upstream-api-key: sgamp_team_b_SECRET
                  api-keys: [client-b]
              model-mappings:
                - {from: gemini-2.5-pro, to: gemini-3-pro-preview}
                - {from: "^claude-.*$", to: claude-sonnet-4-5, regex: true}
              force-model-mappings: true
            """);

    assertThat(loaded.warnings()).isEmpty();
    AmpSettings settings = AmpSettings.of(loaded.config());
    assertThat(settings.upstreamUrl()).contains(URI.create("http://127.0.0.1:9000/amp"));
    assertThat(settings.upstreamApiKey()).contains("sgamp_block_SECRET");
    assertThat(settings.upstreamApiKeys())
        .containsExactly(
            new ClientUpstreamKey("sgamp_team_a_SECRET", List.of("client-a1", "client-a2")),
            new ClientUpstreamKey("sgamp_team_b_SECRET", List.of("client-b")));
    assertThat(settings.restrictManagementToLocalhost())
        .as("the seed's safe default, also in the block")
        .isTrue();
    assertThat(settings.modelMappings())
        .containsExactly(
            ModelMapping.exact("gemini-2.5-pro", "gemini-3-pro-preview"),
            new ModelMapping("^claude-.*$", "claude-sonnet-4-5", true));
    assertThat(settings.forceModelMappings()).isTrue();
    assertThat(settings.upstreamApiKeyFor("client-a2")).contains("sgamp_team_a_SECRET");
    assertThat(settings.upstreamApiKeyFor("client-b")).contains("sgamp_team_b_SECRET");
    assertThat(settings.upstreamApiKeyFor("client-c")).isEmpty();
    assertThat(settings.toString()).doesNotContain("SECRET");
  }

  @Test
  void withBothSpellingsTheBlockWinsWholeAndAWarningNamesTheFlatKeysIgnored() {
    LoadedConfig loaded =
        load(
            """
            amp-upstream-url: https://flat.example.com
            amp-restrict-management-to-localhost: true
            amp-model-mappings: [{from: a, to: b}]
            ampcode:
              upstream-url: https://block.example.com
            """);

    assertThat(loaded.warnings())
        .containsExactly(
            "both 'ampcode' and the flat 'amp-upstream-url', 'amp-restrict-management-to-localhost',"
                + " 'amp-model-mappings' are set; the 'ampcode' block is used and those keys are"
                + " ignored (move them into the block)");
    AmpSettings settings = AmpSettings.of(loaded.config());
    assertThat(settings.upstreamUrl()).contains(URI.create("https://block.example.com"));
    assertThat(settings.modelMappings()).as("the flat list is not merged in").isEmpty();

    assertThat(
            load("amp-upstream-api-key: sgamp_SECRET\nampcode: {upstream-url: https://a.b}\n")
                .warnings())
        .containsExactly(
            "both 'ampcode' and the flat 'amp-upstream-api-key' are set; the 'ampcode' block is"
                + " used and that key is ignored (move it into the block)");
  }

  @Test
  void anUpstreamUrlWithoutSchemeFailsTheLoadSayingWhatToWrite() {
    assertThatThrownBy(() -> load("amp-upstream-url: ampcode.com\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config.yaml: amp-upstream-url: must be an absolute http:// or https:// URL with a"
                + " host; write https://ampcode.com");
    assertThatThrownBy(() -> load("ampcode: {upstream-url: 'localhost:9000/'}\n"))
        .hasMessageEndingWith(
            "ampcode.upstream-url: must be an absolute http:// or https:// URL"
                + " with a host; write https://localhost:9000");
    assertThatThrownBy(() -> load("ampcode: {upstream-url: 'ftp://ampcode.com'}\n"))
        .hasMessageEndingWith(
            "ampcode.upstream-url: must be an http:// or https:// URL such as https://ampcode.com");
    assertThatThrownBy(() -> load("amp-upstream-url: 'https:///path'\n"))
        .hasMessageContaining("amp-upstream-url: has no host");
    assertThatThrownBy(() -> load("amp-upstream-url: 'key=SECRET value'\n"))
        .as("what is not a bare host name is not quoted back")
        .hasMessageNotContaining("SECRET")
        .hasMessageEndingWith("write https://ampcode.com");
    assertThat(settings("amp-upstream-url: '  '\n").upstreamUrl()).isEmpty();
  }

  @Test
  void aMappingWithoutFromOrToIsWarnedAndSkipped() {
    LoadedConfig loaded =
        load(
            """
            ampcode:
              model-mappings:
                - {from: "", to: b}
                - {from: a}
                - {form: a, to: b}
                - {from: a, to: b, regx: true}
            """);

    assertThat(loaded.warnings())
        .containsExactly(
            "ampcode.model-mappings[0]: needs both 'from' and 'to' (entry ignored)",
            "ampcode.model-mappings[1]: needs both 'from' and 'to' (entry ignored)",
            "unknown key 'ampcode.model-mappings[2].form' (ignored); did you mean 'from'?",
            "ampcode.model-mappings[2]: needs both 'from' and 'to' (entry ignored); found 'form',"
                + " did you mean 'from'?",
            "unknown key 'ampcode.model-mappings[3].regx' (ignored); did you mean 'regex'?");
    assertThat(AmpSettings.of(loaded.config()).modelMappings())
        .containsExactly(ModelMapping.exact("a", "b"));
  }

  @Test
  void anInvalidRegexFailsTheLoadNamingTheEntry() {
    assertThatThrownBy(() ->
            load(
                "ampcode:\n  model-mappings:\n    - {from: a, to: b}\n"
                    + "    - {from: 'claude-(opus', to: b, regex: true}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "config.yaml: ampcode.model-mappings[1].from: not a valid regular" + " expression (")
        .hasMessageEndingWith("); fix it or set regex: false");
    assertThat(settings("amp-model-mappings: [{from: 'claude-(opus', to: b}]\n").modelMappings())
        .as("without regex: true it is a plain name")
        .containsExactly(ModelMapping.exact("claude-(opus", "b"));
  }

  @Test
  void aClientKeyUnderTwoUpstreamKeysStaysWithTheFirstAndIsWarnedWithoutTheKey() {
    LoadedConfig loaded =
        load(
            """
            ampcode:
              upstream-api-keys:
                - upstream-api-key: sgamp_first_SECRET
                  api-keys: [client-SECRET-1]
                - upstream-api-key: sgamp_second_SECRET
                  api-keys: [client-SECRET-1, client-SECRET-2]
                - upstream-api-key: sgamp_third_SECRET
                  api-keys: [client-SECRET-2]
                - upstream-api-key: ""
                  api-keys: [x]
                - upstream-api-key: sgamp_lonely_SECRET
                  api-keys: []
                  api-key: oops
            """);

    assertThat(loaded.warnings())
        .containsExactly(
            "ampcode.upstream-api-keys[1].api-keys[0]: this client key is already mapped by"
                + " ampcode.upstream-api-keys[0] (the first mapping wins; ignored here)",
            "ampcode.upstream-api-keys[2].api-keys[0]: this client key is already mapped by"
                + " ampcode.upstream-api-keys[1] (the first mapping wins; ignored here)",
            "ampcode.upstream-api-keys[2]: no client keys under api-keys (entry ignored)",
            "ampcode.upstream-api-keys[3]: no upstream-api-key (entry ignored)",
            "unknown key 'ampcode.upstream-api-keys[4].api-key' (ignored); did you mean"
                + " 'api-keys'?",
            "ampcode.upstream-api-keys[4]: no client keys under api-keys (entry ignored)");
    AmpSettings settings = AmpSettings.of(loaded.config());
    assertThat(settings.upstreamApiKeyFor("client-SECRET-1")).contains("sgamp_first_SECRET");
    assertThat(settings.upstreamApiKeyFor("client-SECRET-2")).contains("sgamp_second_SECRET");
    assertThat(String.join("\n", loaded.warnings())).doesNotContain("SECRET");
  }

  @Test
  void unknownKeysInTheBlockAreWarnedWithASuggestion() {
    assertThat(
            load("ampcode:\n  upstream-ur: https://a.b\n  force-model-mapping: true\n").warnings())
        .containsExactly(
            "unknown key 'ampcode.upstream-ur' (ignored); did you mean 'upstream-url'?",
            "unknown key 'ampcode.force-model-mapping' (ignored); did you mean"
                + " 'force-model-mappings'?");
    assertThat(load("amp-upstream-ur: https://a.b\n").warnings())
        .containsExactly(
            "unknown key 'amp-upstream-ur' (ignored); did you mean 'amp-upstream-url'?");
  }

  @Test
  void badBooleansFailTheLoadNamingTheKey() {
    assertThatThrownBy(() -> load("amp-restrict-management-to-localhost: maybe\n"))
        .hasMessage(
            "config.yaml: amp-restrict-management-to-localhost: must be true or false, got"
                + " \"maybe\"");
    assertThatThrownBy(() -> load("ampcode: {force-model-mappings: 2}\n"))
        .hasMessageContaining("ampcode.force-model-mappings: must be true or false");
  }

  @Test
  void aReloadedConfigGivesNewSettingsAndEqualFilesGiveEqualSettings() {
    String before = "amp-model-mappings: [{from: a, to: b}]\n";
    String after = "amp-model-mappings: [{from: a, to: c}]\n";
    assertThat(load(before).config()).isEqualTo(load(before).config());
    assertThat(load(before).config()).isNotEqualTo(load(after).config());
    assertThat(settings(after).modelMappings()).containsExactly(ModelMapping.exact("a", "c"));
  }
}
