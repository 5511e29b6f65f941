package dev.cliproxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.LoadedConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code metrics:} section as the shipped loader reads it. */
class MetricsSettingsTest {
  private static LoadedConfig load(String yaml) {
    return ProviderKinds.shipped().configLoader().parse(yaml, Path.of("/work/dir"));
  }

  @Test
  void withoutTheSectionMetricsAreOnForThisMachineOnly() {
    assertThat(MetricsSettings.of(load("port: 8317\n").config()))
        .isEqualTo(MetricsSettings.DEFAULTS)
        .isEqualTo(new MetricsSettings(true, Optional.empty()));
  }

  @Test
  void theSectionSetsTheSwitchAndTheKeyAndAMisspeltKeyIsWarned() {
    LoadedConfig loaded = load("metrics:\n  enabled: no\n  key: scrape-1\n  enabeld: true\n");

    assertThat(MetricsSettings.of(loaded.config()))
        .isEqualTo(new MetricsSettings(false, Optional.of("scrape-1")));
    assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w).contains("metrics.enabeld"));
    assertThat(MetricsSettings.of(loaded.config()).toString()).doesNotContain("scrape-1");
  }

  @Test
  void aSwitchThatIsNoBooleanFailsTheLoadNamingIt() {
    assertThatThrownBy(() -> load("metrics:\n  enabled: maybe\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metrics.enabled");
  }
}
