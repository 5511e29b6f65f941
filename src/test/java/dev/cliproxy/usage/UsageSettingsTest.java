package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.LoadedConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code usage:} section and CLIProxyAPI's {@code usage-statistics-enabled}. */
class UsageSettingsTest {
  private static final ConfigLoader SHIPPED = ProviderKinds.shipped().configLoader();
  @TempDir Path workingDir;

  private LoadedConfig load(String yaml) {
    return SHIPPED.parse(yaml, workingDir);
  }

  @Test
  void byDefaultUsageIsRecordedForNinetyDaysInTheAuthDir() {
    Config config = load("auth-dir: " + workingDir.resolve("auth") + "\n").config();
    UsageSettings settings = UsageSettings.of(config);

    assertThat(settings).isEqualTo(new UsageSettings(true, true, Optional.empty(), 90));
    assertThat(settings.recording()).isTrue();
    assertThat(settings.databaseIn(config)).isEqualTo(workingDir.resolve("auth/usage.sqlite"));
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(settings.cutoff(now)).contains(Instant.parse("2026-09-02T00:00:00Z"));
  }

  @Test
  void theSectionSetsTheFileRelativeToTheWorkingDirAndTheRetention() {
    LoadedConfig loaded =
        load("usage:\n  enabled: false\n  database: data/u.sqlite\n  retention-days: 0\n");
    UsageSettings settings = UsageSettings.of(loaded.config());

    assertThat(loaded.warnings()).isEmpty();
    assertThat(settings.recording()).isFalse();
    assertThat(settings.databaseIn(loaded.config())).isEqualTo(workingDir.resolve("data/u.sqlite"));
    assertThat(settings.cutoff(Instant.now())).as("0 keeps forever").isEmpty();
  }

  @Test
  void theReferenceSwitchTurnsRecordingOff() {
    UsageSettings settings = UsageSettings.of(load("usage-statistics-enabled: false\n").config());

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.recording()).isFalse();
  }

  @Test
  void aWrongValueNamesItsKeyAndATypoIsWarned() {
    assertThatThrownBy(() -> load("usage:\n  retention-days: -1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("usage.retention-days")
        .hasMessageContaining("between 0 and 36500, got -1");
    assertThat(load("usage:\n  retention-day: 5\n").warnings())
        .containsExactly(
            "unknown key 'usage.retention-day' (ignored); did you mean 'retention-days'?");
  }
}
