package dev.cliproxy.config;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one directory (not recursively) and runs an action on its own daemon thread once the
 * entries it cares about have stopped changing for a debounce period, so an editor's
 * write-temp-then-rename save, or a burst of edits, is one change. Lost events (overflow) count as
 * a change. The action runs on the watch thread, so runs never overlap.
 *
 * <p>Two steps, {@link #open} then {@link #begin}, so a caller can read the directory's initial
 * state after the watch is registered and before changes are acted on: no edit falls in between.
 */
public final class DirectoryWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final Path directory;
  private final long debounceNanos;
  private final Predicate<Path> concerns;
  private final Runnable onQuiet;
  private final WatchService watchService;
  private final Thread thread;
  private volatile boolean closed;

  private DirectoryWatch(
      Path directory,
      String threadName,
      Duration debounce,
      Predicate<Path> concerns,
      Runnable onQuiet,
      WatchService watchService) {
    this.directory = directory;
    this.debounceNanos = debounce.toNanos();
    this.concerns = concerns;
    this.onQuiet = onQuiet;
    this.watchService = watchService;
    this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
  }

  /**
   * Registers the watch without acting on changes yet.
   *
   * @param concerns which entry names (relative to the directory) matter
   * @param onQuiet what to do once they have been quiet for {@code debounce}
   * @throws IOException if the directory cannot be watched
   */
  public static DirectoryWatch open(
      Path directory,
      String threadName,
      Duration debounce,
      Predicate<Path> concerns,
      Runnable onQuiet)
      throws IOException {
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must not be negative: " + debounce);
    }
    WatchService watchService = directory.getFileSystem().newWatchService();
    try {
      directory.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    } catch (IOException | RuntimeException e) {
      watchService.close();
      throw e;
    }
    return new DirectoryWatch(directory, threadName, debounce, concerns, onQuiet, watchService);
  }

  /** Starts acting on changes seen since {@link #open}. */
  public DirectoryWatch begin() {
    thread.start();
    return this;
  }

  /** True until {@link #close()} has stopped the watch thread (or the directory vanished). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Whether {@link #close()} was called; an action in progress may check it before delivering. */
  public boolean isClosed() {
    return closed;
  }

  /** Stops watching; returns once the watch thread has ended, unless called from the action. */
  @Override
  public void close() {
    closed = true;
    try {
      watchService.close(); // wakes the thread blocked in take() or poll()
    } catch (IOException e) {
      log.debug("closing the watch of {} failed", directory, e);
    }
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join(CLOSE_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    boolean pending = false; // a change was seen and is due to be acted on at the deadline
    long deadline = 0; // System.nanoTime() value; compare by subtraction, it may be negative
    try {
      while (!closed) {
        WatchKey key;
        if (!pending) {
          key = watchService.take();
        } else {
          long wait = deadline - System.nanoTime();
          if (wait <= 0) {
            pending = false;
            onQuiet.run();
            continue;
          }
          key = watchService.poll(wait, TimeUnit.NANOSECONDS);
        }
        if (key == null) {
          continue;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW
              || (event.context() instanceof Path name && concerns.test(name))) {
            pending = true;
            deadline = System.nanoTime() + debounceNanos;
          }
        }
        if (!key.reset()) {
          log.error("{} can no longer be watched; hot reload from it stopped", directory);
          return;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // close() was called
    }
  }
}
