package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sections and endpoint names contributed through a {@link ConfigSchema}: read into the config by
 * section, absent as their default, compared by value, checked for unknown keys with "did you mean"
 * hints, and never two readers for one key.
 */
class ConfigSchemaTest {
  private static final Path DIR = Path.of("/work/dir");

  /** A section of text values; an empty list is refused. */
  private static final ConfigSection<List<String>> WIDGETS =
      ConfigSection.of(
          "widgets",
          List.of("default-widget"),
          (value, context) -> {
            List<String> names = value.items().stream().map(item -> item.text("")).toList();
            if (names.isEmpty()) {
              throw value.fail("needs at least one widget");
            }
            if (names.contains("old")) {
              context.warn(value.path() + ": 'old' is deprecated");
            }
            return names;
          });

  private static final ConfigLoader LOADER =
      new ConfigLoader(
          ConfigSchema.EMPTY.withSection(WIDGETS).withEndpoints("widget", Set.of("api")));

  @Test
  void aSectionIsReadByItsKeyAndAbsentGivesItsDefault() {
    assertThat(LOADER.parse("widgets: [a, b]\n", DIR).config().section(WIDGETS))
        .containsExactly("a", "b");
    assertThat(LOADER.parse("port: 1\n", DIR).config().section(WIDGETS))
        .containsExactly("default-widget");
    assertThat(LOADER.parse("widgets:\n", DIR).config().section(WIDGETS))
        .containsExactly("default-widget");
    assertThat(new ConfigLoader(ConfigSchema.EMPTY).defaults().section(WIDGETS))
        .as("a config read without the section")
        .containsExactly("default-widget");
  }

  @Test
  void aSectionsErrorsAndWarningsNameItsKeyPath() {
    assertThatThrownBy(() -> LOADER.parse("widgets: []\n", DIR))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml: widgets: needs at least one widget");
    assertThat(LOADER.parse("widgets: [old]\n", DIR).warnings())
        .containsExactly("widgets: 'old' is deprecated");
  }

  @Test
  void configsWithEqualSectionValuesAreEqual() {
    assertThat(LOADER.parse("widgets: [a]\n", DIR).config())
        .isEqualTo(LOADER.parse("widgets:\n  - a\n", DIR).config())
        .isNotEqualTo(LOADER.parse("widgets: [b]\n", DIR).config());
  }

  @Test
  void unknownTopLevelKeysAreMatchedAgainstTheSectionsToo() {
    assertThat(LOADER.parse("widget: [a]\n", DIR).warnings())
        .containsExactly("unknown key 'widget' (ignored); did you mean 'widgets'?");
    assertThat(new ConfigLoader(ConfigSchema.EMPTY).parse("widgets: [a]\n", DIR).warnings())
        .containsExactly("unknown key 'widgets' (ignored)");
  }

  @Test
  void endpointNamesComeFromTheSchemaAndGeminiCliIsRecognisedButNotUsedYet() {
    LoadedConfig loaded =
        LOADER.parse(
            """
            endpoints:
              widget:
                api: http://127.0.0.1:1/
                apj: http://x
              gemini-cli:
                api: http://127.0.0.1:2
              widgit:
                api: http://x
            """,
            DIR);
    assertThat(loaded.config().endpoints())
        .isEqualTo(new Config.Endpoints(Map.of("widget", Map.of("api", "http://127.0.0.1:1"))));
    assertThat(loaded.warnings())
        .containsExactly(
            "key 'endpoints.gemini-cli' is recognised but not used by this version yet (ignored)",
            "unknown key 'endpoints.widgit' (ignored); did you mean 'widget'?",
            "unknown key 'endpoints.widget.apj' (ignored); did you mean 'api'?");
  }

  @Test
  void aKeyHasOneReaderAndCoreKeysAreNotForKinds() {
    assertThatThrownBy(() -> ConfigSchema.EMPTY.withSection(WIDGETS).withSection(WIDGETS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("widgets");
    assertThatThrownBy(
            () -> ConfigSchema.EMPTY.withSection(ConfigSection.of("port", 0, (v, c) -> 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("core config key");
    assertThatThrownBy(() ->
            ConfigSchema.EMPTY
                .withEndpoints("widget", Set.of("api"))
                .plus(ConfigSchema.EMPTY.withEndpoints("widget", Set.of("auth"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("widget");
  }

  @Test
  void aCliProxyApiKeyThatAKindReadsIsNoLongerOnlyRecognised() {
    ConfigSection<String> gemini = ConfigSection.of("gemini-api-key", "", (v, c) -> "read");
    assertThat(new ConfigLoader(ConfigSchema.EMPTY).parse("gemini-api-key: [k]\n", DIR).warnings())
        .containsExactly(
            "key 'gemini-api-key' is recognised but not used by this version yet (ignored)");
    LoadedConfig read =
        new ConfigLoader(ConfigSchema.EMPTY.withSection(gemini))
            .parse("gemini-api-key: [k]\n", DIR);
    assertThat(read.warnings()).isEmpty();
    assertThat(read.config().section(gemini)).isEqualTo("read");
  }

  @Test
  void checksSeeTheWholeConfigAfterEverySectionAndAddTheirWarningsLast() {
    ConfigSection<String> gadget = ConfigSection.of("gadget", "", (v, c) -> v.text(""));
    ConfigCheck bothSpellings =
        config ->
            config.section(gadget).isEmpty() || config.section(WIDGETS).contains("default-widget")
                ? List.of()
                : List.of("widgets and gadget are both set; gadget wins");
    ConfigSchema schema =
        ConfigSchema.EMPTY
            .withSection(WIDGETS)
            .plus(ConfigSchema.EMPTY.withSection(gadget).withCheck(bothSpellings))
            .withCheck(config -> List.of("second check, port " + config.port()));

    LoadedConfig both = new ConfigLoader(schema).parse("gadget: g\nwidgets: [old]\nport: 9\n", DIR);
    assertThat(both.warnings())
        .as("section warnings in file order first, then the checks in schema order")
        .containsExactly(
            "widgets: 'old' is deprecated",
            "widgets and gadget are both set; gadget wins",
            "second check, port 9");
    assertThat(new ConfigLoader(schema).parse("gadget: g\n", DIR).warnings())
        .containsExactly("second check, port 8317");
    assertThat(new ConfigSchema(List.of(), Map.of()).checks()).isEmpty();
  }
}
