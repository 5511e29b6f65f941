package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Whether the browser tests run: skipped without chromium, except under CI where they fail. */
class ChromiumBinaryTest {

  @Test
  void withoutChromiumATestIsSkippedWithTheInstallHint() {
    assertThatThrownBy(() -> Chromium.binaryOrSkip(Optional.empty(), null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("apt-get install chromium");
  }

  @Test
  void underCiAMissingChromiumFailsTheTest() {
    assertThatThrownBy(() -> Chromium.binaryOrSkip(Optional.empty(), "true"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("apt-get install chromium");
  }

  @Test
  void anInstalledChromiumIsUsed() {
    Path binary = Path.of("/usr/bin/chromium");

    assertThat(Chromium.binaryOrSkip(Optional.of(binary), "true")).isEqualTo(binary);
    assertThat(Chromium.binaryOrSkip(Optional.of(binary), null)).isEqualTo(binary);
  }
}
