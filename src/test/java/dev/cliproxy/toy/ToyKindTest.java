package dev.cliproxy.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.cli.Main;
import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.LoadedConfig;
import dev.cliproxy.config.ModelAlias;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kind registered from the tests contributes its config section (validated, with "did you mean"
 * hints), its endpoint names and its login flag, with no main file knowing it.
 */
class ToyKindTest {
  private static final ProviderKinds WITH_TOY = ProviderKinds.shipped().plus(new ToyKind());
  private static final Path DIR = Path.of("/work/dir");

  private static LoadedConfig parse(String yaml) {
    return WITH_TOY.configLoader().parse(yaml, DIR);
  }

  @Test
  void itsSectionIsReadIntoTheConfigBesideTheShippedOnes() {
    LoadedConfig loaded =
        parse(
            """
            toy-upstreams:
              - base-url: http://127.0.0.1:9000/v1/
                api-key: toy-key
                models: [{name: up-model, alias: toy-model}]
            openai-compatibility:
              - {name: a, base-url: http://a}
            """);
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.config().section(ToyKind.UPSTREAMS))
        .containsExactly(
            new ToyUpstream(
                "http://127.0.0.1:9000/v1",
                "toy-key",
                List.of(new ModelAlias("up-model", "toy-model"))));
    assertThat(parse("").config().section(ToyKind.UPSTREAMS)).isEmpty();
  }

  @Test
  void aTypoOfItsKeyGetsADidYouMeanAndUnknownEntryKeysAreWarned() {
    assertThat(parse("toy-upstream:\n  - base-url: http://h\n").warnings())
        .containsExactly("unknown key 'toy-upstream' (ignored); did you mean 'toy-upstreams'?");
    assertThat(
            parse(
                    """
                    toy-upstreams:
                      - base-url: http://h
                        models: [{name: m}]
                        api_key: k
                    """)
                .warnings())
        .containsExactly(
            "unknown key 'toy-upstreams[0].api_key' (ignored); did you mean 'api-key'?");
  }

  @Test
  void anInvalidEntryStopsTheLoadNamingTheKeyPath() {
    assertThatThrownBy(
            () -> parse("toy-upstreams:\n  - base_url: http://h\n    models: [{name: m}]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config.yaml: toy-upstreams[0].base-url: is required (an http:// or https:// URL);"
                + " found 'base_url', did you mean 'base-url'?");
    assertThatThrownBy(() -> parse("toy-upstreams:\n  - base-url: http://h\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml: toy-upstreams[0].models: needs at least one model");
  }

  @Test
  void itsEndpointNamesAreCheckedLikeTheShippedOnes() {
    LoadedConfig loaded =
        parse("endpoints:\n  toy:\n    api: http://127.0.0.1:1/v1\n    apii: x\n");
    assertThat(loaded.config().endpoints().url("toy", "api", "default"))
        .isEqualTo("http://127.0.0.1:1/v1");
    assertThat(loaded.warnings())
        .containsExactly("unknown key 'endpoints.toy.apii' (ignored); did you mean 'api'?");
  }

  @Test
  void withoutTheKindItsKeysAreUnknown() {
    ConfigLoader shipped = ProviderKinds.shipped().configLoader();
    LoadedConfig loaded =
        shipped.parse(
            "toy-upstreams: [{base-url: http://h}]\nendpoints: {toy: {api: http://h}}\n", DIR);
    assertThat(loaded.warnings())
        .containsExactly(
            "unknown key 'toy-upstreams' (ignored)", "unknown key 'endpoints.toy' (ignored)");
    assertThat(loaded.config().section(ToyKind.UPSTREAMS)).isEmpty();
  }

  @Test
  void itsLoginFlagIsListedInHelpWithItsText() {
    StringWriter out = new StringWriter();
    int status =
        Main.commandLine(WITH_TOY)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute("--help");
    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("--toy-login", "Log in to a toy account (tests only).", "--codex-login");
    assertThat(out.toString().indexOf("      --toy-login"))
        .isGreaterThan(out.toString().indexOf("      --claude-login"))
        .isLessThan(out.toString().indexOf("      --no-browser"));
  }

  @Test
  void twoKindsCannotClaimOneAuthFileTypeOrLoginFlag() {
    assertThatThrownBy(() -> WITH_TOY.plus(new ToyKind()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toy");
  }
}
