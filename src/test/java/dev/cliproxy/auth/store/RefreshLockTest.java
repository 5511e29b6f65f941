package dev.cliproxy.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshLockTest {
  @TempDir Path dir;

  @Test
  void aSecondHolderWaitsUntilTheFirstLetsGo() throws Exception {
    AuthDirectory auth = new AuthDirectory(dir);
    RefreshLock first = auth.lockForRefresh("codex-a@b.json", Duration.ofSeconds(5));
    CompletableFuture<RefreshLock> second =
        CompletableFuture.supplyAsync(() -> {
          try {
            return auth.lockForRefresh("codex-a@b.json", Duration.ofSeconds(5));
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    Thread.sleep(200);
    assertThat(second).isNotDone();

    first.close();

    second.get(5, TimeUnit.SECONDS).close();
    Path lockFile = dir.resolve(".codex-a@b.json.lock");
    assertThat(Files.getPosixFilePermissions(lockFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(AuthDirectory.isAuthFileName(lockFile.getFileName().toString())).isFalse();
  }

  @Test
  void waitingTooLongFailsNamingTheFile() throws Exception {
    AuthDirectory auth = new AuthDirectory(dir);
    try (RefreshLock held = auth.lockForRefresh("claude-x.json", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> auth.lockForRefresh("claude-x.json", Duration.ofMillis(150)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("claude-x.json");
    }
  }

  @Test
  void locksOfDifferentAccountsAreIndependent() throws Exception {
    AuthDirectory auth = new AuthDirectory(dir);
    try (RefreshLock a = auth.lockForRefresh("a.json", Duration.ofSeconds(1));
        RefreshLock b = auth.lockForRefresh("b.json", Duration.ofMillis(100))) {
      assertThat(a).isNotSameAs(b);
    }
  }
}
