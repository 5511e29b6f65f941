package dev.cliproxy.auth.store;

import dev.cliproxy.config.DirectoryWatch;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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

  private final AuthDirectory directory;
  private final Consumer<AuthSnapshot> listener;
  // Set by start() before the watch begins, then only read or written by the watch thread.
  private DirectoryWatch watch;
  private AuthSnapshot initial;
  private Map<String, String> appliedHashes;

  private AuthDirectoryWatcher(AuthDirectory directory, Consumer<AuthSnapshot> listener) {
    this.directory = directory;
    this.listener = Objects.requireNonNull(listener, "listener");
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
    AuthDirectoryWatcher watcher = new AuthDirectoryWatcher(directory, listener);
    directory.create();
    watcher.watch =
        DirectoryWatch.open(
            directory.path(),
            "auth-dir-watcher",
            debounce,
            name -> AuthDirectory.isAuthFileName(name.toString()),
            watcher::reload);
    try {
      // Loaded after the watch is registered, so no change can fall between the load and the watch.
      watcher.initial = directory.load();
    } catch (IOException | RuntimeException e) {
      watcher.watch.close();
      throw e;
    }
    watcher.appliedHashes = watcher.initial.contentHashes();
    watcher.watch.begin();
    return watcher;
  }

  /** The directory as it was when watching started; not passed to the listener. */
  public AuthSnapshot initial() {
    return initial;
  }

  /** True until {@link #close()} has stopped the watcher thread (or the directory vanished). */
  public boolean isRunning() {
    return watch.isRunning();
  }

  /** Stops watching; returns once the watcher thread has ended, unless called from the listener. */
  @Override
  public void close() {
    watch.close();
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
    if (watch.isClosed()) {
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
