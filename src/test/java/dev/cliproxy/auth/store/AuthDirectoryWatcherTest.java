package dev.cliproxy.auth.store;

import static dev.cliproxy.auth.store.CredentialFileTest.CLAUDE;
import static dev.cliproxy.auth.store.CredentialFileTest.CODEX;
import static dev.cliproxy.auth.store.CredentialFileTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the watcher against a real directory. Deliveries are awaited (up to {@link #AWAIT}); "no
 * delivery" is shown by a later change arriving first, never by sleeping.
 */
class AuthDirectoryWatcherTest {

  private static final Duration AWAIT = Duration.ofSeconds(5);
  private static final Duration DEBOUNCE = Duration.ofMillis(50);

  @TempDir Path dir;

  private final BlockingQueue<AuthSnapshot> delivered = new LinkedBlockingQueue<>();
  private AuthDirectory directory;
  private AuthDirectoryWatcher watcher;

  @BeforeEach
  void setUp() throws IOException {
    directory = new AuthDirectory(dir.resolve("auth"));
    Files.createDirectories(directory.path());
    Files.write(directory.path().resolve(CLAUDE), sample(CLAUDE));
    watcher = AuthDirectoryWatcher.start(directory, DEBOUNCE, delivered::add);
  }

  @AfterEach
  void tearDown() {
    watcher.close();
  }

  private AuthSnapshot next() throws InterruptedException {
    AuthSnapshot snapshot = delivered.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(snapshot).as("a snapshot within " + AWAIT).isNotNull();
    return snapshot;
  }

  @Test
  void theInitialLoadIsNotDelivered() {
    assertThat(watcher.initial().files()).extracting(CredentialFile::id).containsExactly(CLAUDE);
    assertThat(delivered).isEmpty();
  }

  @Test
  void seesAddEditAtomicReplaceAndDelete() throws Exception {
    Path codex = directory.path().resolve(CODEX);
    Files.write(codex, sample(CODEX));
    assertThat(next().files()).extracting(CredentialFile::id).containsExactly(CLAUDE, CODEX);

    // an in-place edit
    CredentialFile edited =
        CredentialFile.parse(CODEX, sample(CODEX)).with("email", "edited@example.com");
    Files.write(codex, edited.toBytes());
    assertThat(next().find(CODEX)).contains(edited);

    // an atomic replace is one change and the file never disappears in between
    CredentialFile rotated = edited.with("refresh_token", "rt_rotated_0123456789");
    directory.save(rotated);
    AuthSnapshot afterSave = next();
    assertThat(afterSave.find(CODEX)).contains(rotated);
    assertThat(afterSave.find(CLAUDE)).isPresent();

    Files.delete(codex);
    assertThat(next().files()).extracting(CredentialFile::id).containsExactly(CLAUDE);
    assertThat(delivered).isEmpty();
    assertThat(watcher.isRunning()).isTrue();
  }

  @Test
  void manyAtomicSavesNeverShowTheFileMissing() throws Exception {
    CredentialFile file = CredentialFile.parse(CLAUDE, sample(CLAUDE));
    for (int n = 0; n < 20; n++) {
      directory.save(file.with("n", String.valueOf(n)));
    }
    directory.save(file.with("n", "last"));
    AuthSnapshot snapshot;
    do {
      snapshot = next();
      assertThat(snapshot.find(CLAUDE)).as("the saved file is always there").isPresent();
    } while (!snapshot.find(CLAUDE).orElseThrow().get("n").orElseThrow().asText().equals("last"));
  }

  @Test
  void unchangedContentAndOtherFilesAreNotDelivered() throws Exception {
    // rewriting the same bytes, atomically and in place, and touching non-JSON files
    directory.save(CredentialFile.parse(CLAUDE, sample(CLAUDE)).with(json -> {}));
    Files.write(directory.path().resolve(CLAUDE), sample(CLAUDE));
    Files.writeString(directory.path().resolve("notes.txt"), "hello");
    Files.writeString(directory.path().resolve(".x.json.1.tmp"), "{");
    // then a real change: it must be the first thing delivered
    Files.write(directory.path().resolve(CODEX), sample(CODEX));
    AuthSnapshot first = next();
    assertThat(first.files()).extracting(CredentialFile::id).containsExactly(CLAUDE, CODEX);
  }

  @Test
  void aBrokenFileIsReportedAndFixingItDeliversTheCredential() throws Exception {
    Path codex = directory.path().resolve(CODEX);
    Files.writeString(codex, "{\"type\":");
    AuthSnapshot broken = next();
    assertThat(broken.files()).extracting(CredentialFile::id).containsExactly(CLAUDE);
    assertThat(broken.problems()).extracting(AuthFileProblem::fileName).containsExactly(CODEX);

    Files.write(codex, sample(CODEX));
    AuthSnapshot fixed = next();
    assertThat(fixed.files()).extracting(CredentialFile::id).containsExactly(CLAUDE, CODEX);
    assertThat(fixed.problems()).isEmpty();
  }

  @Test
  void aFailingListenerGetsTheSameChangeAgainOnTheNextEdit() throws Exception {
    watcher.close();
    BlockingQueue<AuthSnapshot> seen = new LinkedBlockingQueue<>();
    boolean[] fail = {true};
    watcher =
        AuthDirectoryWatcher.start(
            directory,
            DEBOUNCE,
            snapshot -> {
              seen.add(snapshot);
              if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("pool rejected it");
              }
            });
    Path codex = directory.path().resolve(CODEX);
    Files.write(codex, sample(CODEX));
    assertThat(seen.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
    Files.write(codex, sample(CODEX)); // same bytes as the rejected change: tried again
    AuthSnapshot retried = seen.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(retried).isNotNull();
    assertThat(retried.find(CODEX)).isPresent();
  }

  @Test
  void closeStopsTheThread() {
    watcher.close();
    assertThat(watcher.isRunning()).isFalse();
  }

  @Test
  void startCreatesAMissingDirectory() throws IOException {
    AuthDirectory fresh = new AuthDirectory(dir.resolve("new/.cli-proxy-api"));
    try (AuthDirectoryWatcher other = AuthDirectoryWatcher.start(fresh, DEBOUNCE, s -> {})) {
      assertThat(Files.isDirectory(fresh.path())).isTrue();
      assertThat(other.initial()).isEqualTo(AuthSnapshot.EMPTY);
    }
  }
}
