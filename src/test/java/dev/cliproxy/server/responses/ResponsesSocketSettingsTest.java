package dev.cliproxy.server.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponsesSocketSettingsTest {
  @TempDir Path dir;

  private ResponsesSocketSettings read(String yaml) {
    return ResponsesSocketSettings.of(
        ProviderKinds.shipped().configLoader().parse(yaml, dir).config());
  }

  @Test
  void withoutTheSection128SocketsMayBeOpenAndEachIdlesFiveMinutes() {
    assertThat(read("port: 8317\n"))
        .isEqualTo(new ResponsesSocketSettings(128, Duration.ofMinutes(5)));
  }

  @Test
  void bothKeysAreRead() {
    assertThat(read("responses-websocket:\n  max-open: 4\n  idle-timeout-seconds: 30\n"))
        .isEqualTo(new ResponsesSocketSettings(4, Duration.ofSeconds(30)));
  }

  @Test
  void aLimitBelowOneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> read("responses-websocket:\n  max-open: 0\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("responses-websocket.max-open")
        .hasMessageContaining("between 1 and 100000");
  }
}
