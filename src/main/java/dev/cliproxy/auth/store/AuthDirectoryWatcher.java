package dev.cliproxy.auth.store;

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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the auth directory when a {@code *.json} file in it is created, changed, renamed or
 * deleted, and hands the listener the new full {@link AuthSnapshot}.
 *
 * <p>A full snapshot rather than add/change/remove events, because a pool swaps its credential set
 * atomically anyway and a snapshot cannot be applied out of order or half. The watch is not
 * recursive, like CLIProxyAPI's. Events are debounced, so an atomic replace (a temporary file
 * renamed over the old one) is one change, not a removal and an addition; temporary and other
 * non-JSON files are ignored. A reload whose files are byte-for-byte what was last delivered (by
 * SHA-256) is skipped, which stops the proxy's own unchanged saves from looping. All work happens
 * on one daemon thread; the listener runs on it, so calls never overlap.
 */
public final class AuthDirectoryWatcher implements AutoCloseable {

  /** How long the directory must stay quiet before it is read. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(150);

  private static final Logger log = LoggerFactory.getLogger(AuthDirectoryWatcher.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final AuthDirectory directory;
  private final long debounceNanos;
  private final Consumer<AuthSnapshot> listener;
  private final WatchService watchService;
  private final AuthSnapshot initial;
  private final Thread thread;
  // Written by the constructor before the thread starts, then only by the thread.
  private Map<String, String> appliedHashes;
  private volatile boolean closed;

  private AuthDirectoryWatcher(
      AuthDirectory directory,
      Duration debounce,
      Consumer<AuthSnapshot> listener,
      WatchService watchService)
      throws IOException {
    this.directory = directory;
    this.debounceNanos = debounce.toNanos();
    this.listener = listener;
    this.watchService = watchService;
    // Load after the watch is registered, so no change can fall between the load and the watch.
    this.initial = directory.load();
    this.appliedHashes = initial.contentHashes();
    this.thread = Thread.ofPlatform().daemon().name("auth-dir-watcher").unstarted(this::run);
  }

  /** Starts watching {@code directory} with the default debounce. */
  public static AuthDirectoryWatcher start(AuthDirectory directory, Consumer<AuthSnapshot> listener)
      throws IOException {
    return start(directory, DEFAULT_DEBOUNCE, listener);
  }

  /**
   * Creates the directory (0700) if missing, loads it (see {@link #initial()}) and starts watching.
   *
   * @param debounce how long the directory must stay quiet before it is read
   * @param listener receives each changed snapshot after the initial one, on the watcher thread
   * @throws IOException if the directory cannot be created, listed or watched
   */
  public static AuthDirectoryWatcher start(
      AuthDirectory directory, Duration debounce, Consumer<AuthSnapshot> listener)
      throws IOException {
    Objects.requireNonNull(listener, "listener");
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must not be negative: " + debounce);
    }
    directory.create();
    Path path = directory.path();
    WatchService watchService = path.getFileSystem().newWatchService();
    try {
      path.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      AuthDirectoryWatcher watcher =
          new AuthDirectoryWatcher(directory, debounce, listener, watchService);
      watcher.thread.start();
      return watcher;
    } catch (IOException | RuntimeException e) {
      watchService.close();
      throw e;
    }
  }

  /** The directory as it was when watching started; not passed to the listener. */
  public AuthSnapshot initial() {
    return initial;
  }

  /** True until {@link #close()} has stopped the watcher thread (or the directory vanished). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops watching; returns once the watcher thread has ended, unless called from the listener. */
  @Override
  public void close() {
    closed = true;
    try {
      watchService.close(); // wakes the thread blocked in take() or poll()
    } catch (IOException e) {
      log.debug("closing the auth directory watch service failed", e);
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(CLOSE_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    boolean pending = false; // a change was seen and the directory is due to be read at deadline
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
            reload();
            continue;
          }
          key = watchService.poll(wait, TimeUnit.NANOSECONDS);
        }
        if (key == null) {
          continue;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
          if (concernsAuthFile(event)) {
            pending = true;
            deadline = System.nanoTime() + debounceNanos;
          }
        }
        if (!key.reset()) {
          log.error(
              "auth directory {} can no longer be watched; credential hot reload stopped",
              directory.path());
          return;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // close() was called
    }
  }

  private static boolean concernsAuthFile(WatchEvent<?> event) {
    if (event.kind() == OVERFLOW) {
      return true; // events were lost; some may have been about auth files
    }
    return event.context() instanceof Path name && AuthDirectory.isAuthFileName(name.toString());
  }

  private void reload() {
    AuthSnapshot snapshot;
    try {
      snapshot = directory.load();
    } catch (IOException e) {
      log.error(
          "reading auth directory {} failed, keeping the current credentials: {}",
          directory.path(),
          e.toString());
      return;
    }
    if (snapshot.contentHashes().equals(appliedHashes)) {
      log.debug("auth files in {} unchanged; nothing to reload", directory.path());
      return;
    }
    if (closed) {
      return;
    }
    try {
      listener.accept(snapshot);
    } catch (RuntimeException e) {
      log.error("applying the auth files failed; they will be tried again on their next change", e);
      return;
    }
    appliedHashes = snapshot.contentHashes();
    log.info(
        "auth files reloaded from {}: {} credentials, {} skipped",
        directory.path(),
        snapshot.files().size(),
        snapshot.problems().size());
  }
}
