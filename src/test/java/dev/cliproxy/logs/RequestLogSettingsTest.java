package dev.cliproxy.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logging keys as the loader reads them, and the cap shared out. */
class RequestLogSettingsTest {
  private static final ConfigLoader LOADER =
      new ConfigLoader(ConfigSchema.EMPTY.plus(RequestLogSettings.SCHEMA));

  @TempDir Path dir;

  private RequestLogSettings read(String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return RequestLogSettings.of(LOADER.load(file).config());
  }

  @Test
  void absentKeysGiveCliProxyApisDefaultsAndACapOfOneGibibyte() {
    assertThat(RequestLogSettings.of(LOADER.defaults()))
        .isEqualTo(new RequestLogSettings(false, 10, 1024));
  }

  @Test
  void theKeysAreRead() throws Exception {
    assertThat(read("request-log: true\nerror-logs-max-files: 0\nlogs-max-total-size-mb: 8\n"))
        .isEqualTo(new RequestLogSettings(true, 0, 8));
  }

  @Test
  void aCapBelowOneMegabyteIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> read("logs-max-total-size-mb: 0\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logs-max-total-size-mb")
        .hasMessageContaining("must be an integer between 1 and");
  }

  @Test
  void theMainLogGetsAtMostAnEighthPerFileAndAQuarterRolledTheRequestLogsTheRest() {
    LogBudget small = LogBudget.of(8L << 20);
    assertThat(small.mainFileBytes()).isEqualTo(1L << 20);
    assertThat(small.mainArchiveBytes()).isEqualTo(2L << 20);
    assertThat(small.requestLogBytes()).isEqualTo(5L << 20);
    LogBudget large = new RequestLogSettings(false, 10, 1024).budget();
    assertThat(large.mainFileBytes()).isEqualTo(10L << 20);
    assertThat(large.mainArchiveBytes()).isEqualTo(200L << 20);
    assertThat(large.mainFileBytes() + large.mainArchiveBytes() + large.requestLogBytes())
        .isEqualTo(1024L << 20);
  }
}
