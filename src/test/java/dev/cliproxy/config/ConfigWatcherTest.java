package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the watcher against real files. Positive outcomes are awaited (up to {@link #AWAIT});
 * "nothing was delivered" is shown by a log line proving the change was handled, or by a later
 * change arriving first, never by sleeping.
 */
class ConfigWatcherTest {

  private static final Duration AWAIT = Duration.ofSeconds(5);
  private static final Duration DEBOUNCE = Duration.ofMillis(50);

  @TempDir Path dir;

  private final BlockingQueue<LoadedConfig> delivered = new LinkedBlockingQueue<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger watcherLog = (Logger) LoggerFactory.getLogger(ConfigWatcher.class);
  private Level previousLevel;
  private Path file;
  private ConfigWatcher watcher;

  @BeforeEach
  void setUp() throws IOException {
    previousLevel = watcherLog.getLevel();
    watcherLog.setLevel(Level.DEBUG);
    logs.start();
    watcherLog.addAppender(logs);
    file = dir.resolve("config.yaml");
    Files.writeString(file, "port: 1000\n");
  }

  @AfterEach
  void tearDown() {
    if (watcher != null) {
      watcher.close();
    }
    watcherLog.detachAppender(logs);
    watcherLog.setLevel(previousLevel);
  }

  @Test
  void startLoadsTheFileWithoutCallingTheListener() throws Exception {
    watcher = start(DEBOUNCE);

    assertThat(watcher.initial().config().port()).isEqualTo(1000);
    assertThat(watcher.isRunning()).isTrue();
    assertThat(delivered).isEmpty();
  }

  @Test
  void startFailsOnAnInvalidFile() throws Exception {
    Files.writeString(file, "port: abc\n");

    assertThatThrownBy(() -> start(DEBOUNCE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port: must be an integer");
  }

  @Test
  void validEditIsDelivered() throws Exception {
    watcher = start(DEBOUNCE);

    Files.writeString(file, "port: 2000\nprot: 1\n");

    LoadedConfig next = next();
    assertThat(next.config().port()).isEqualTo(2000);
    assertThat(next.warnings())
        .containsExactly("unknown key 'prot' (ignored); did you mean 'port'?");
    awaitLog(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("'prot'"));
  }

  @Test
  void invalidEditIsLoggedAndNotDeliveredAndTheNextValidEditIs() throws Exception {
    watcher = start(DEBOUNCE);

    Files.writeString(file, "port: 0\napi-keys: [sk-SECRET]\n");
    ILoggingEvent rejected = awaitLog(e -> e.getLevel() == Level.ERROR);

    assertThat(rejected.getFormattedMessage())
        .isEqualTo(
            "config reload rejected, keeping the previous config: "
                + file
                + ": port: must be an integer between 1 and 65535, got 0");
    assertThat(delivered).isEmpty();

    Files.writeString(file, "port: 3000\napi-keys: [sk-SECRET]\n");
    assertThat(next().config().port()).isEqualTo(3000);
  }

  @Test
  void fixingABadEditBackToTheLastAppliedContentIsNotRedelivered() throws Exception {
    watcher = start(DEBOUNCE);

    Files.writeString(file, "port: nope\n");
    awaitLog(e -> e.getLevel() == Level.ERROR);
    Files.writeString(file, "port: 1000\n"); // the content applied at start
    awaitLog(e -> e.getFormattedMessage().contains("content unchanged"));

    assertThat(delivered).isEmpty();
  }

  @Test
  void atomicRenameSaveIsPickedUp() throws Exception {
    watcher = start(DEBOUNCE);

    Path temporary = dir.resolve(".config.yaml.swp");
    Files.writeString(temporary, "port: 4000\n");
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThat(next().config().port()).isEqualTo(4000);
  }

  @Test
  void identicalContentIsNotRedelivered() throws Exception {
    watcher = start(DEBOUNCE);
    Files.writeString(file, "port: 5000\n");
    assertThat(next().config().port()).isEqualTo(5000);

    Files.writeString(file, "port: 5000\n");
    awaitLog(e -> e.getFormattedMessage().contains("content unchanged"));

    assertThat(delivered).isEmpty();
  }

  @Test
  void emptyFileMidSaveIsIgnored() throws Exception {
    watcher = start(DEBOUNCE);

    Files.writeString(file, "");
    awaitLog(e -> e.getFormattedMessage().contains("is empty"));
    assertThat(delivered).isEmpty();

    Files.writeString(file, "port: 6000\n");
    assertThat(next().config().port()).isEqualTo(6000);
  }

  @Test
  void quickSuccessiveWritesAreDebouncedIntoOneReload() throws Exception {
    // A long debounce, so the test thread cannot be slow enough to split the burst.
    watcher = start(Duration.ofSeconds(1));

    for (int port = 7001; port <= 7005; port++) {
      Files.writeString(file, "port: " + port + "\n");
    }

    assertThat(next().config().port()).isEqualTo(7005);
  }

  @Test
  void otherFilesInTheDirectoryAreIgnored() throws Exception {
    watcher = start(DEBOUNCE);

    Files.writeString(dir.resolve("other.yaml"), "port: abc\n");
    Files.writeString(file, "port: 8000\n");

    assertThat(next().config().port()).isEqualTo(8000);
    assertThat(logLines()).noneMatch(e -> e.getLevel() == Level.ERROR);
  }

  @Test
  void closeStopsTheWatcherThread() throws Exception {
    watcher = start(DEBOUNCE);
    assertThat(watcher.isRunning()).isTrue();

    watcher.close();

    assertThat(watcher.isRunning()).isFalse();
    watcher.close(); // a second close is harmless
  }

  private ConfigWatcher start(Duration debounce) throws IOException {
    return ConfigWatcher.start(
        file,
        new ConfigLoader(ConfigSchema.EMPTY),
        PathRules.withWorkingDir(dir),
        debounce,
        delivered::add);
  }

  private LoadedConfig next() throws InterruptedException {
    LoadedConfig next = delivered.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(next).as("a config delivered within %s", AWAIT).isNotNull();
    return next;
  }

  private ILoggingEvent awaitLog(Predicate<ILoggingEvent> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ILoggingEvent event : logLines()) {
        if (wanted.test(event)) {
          return event;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no matching log line within " + AWAIT + "; got " + logLines());
  }

  /** A copy of the captured lines; the appender adds to its list while holding its own lock. */
  private List<ILoggingEvent> logLines() {
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }
}
