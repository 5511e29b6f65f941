package dev.cliproxy.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads {@code config.yaml} when it changes on disk and hands each new valid config to a
 * listener; an invalid edit is logged and the previous config stays in force.
 *
 * <p>The watch is on the file's parent directory (not recursive), so editors that save by writing a
 * temporary file and renaming it over the original are seen. Events are debounced, content equal to
 * the last applied content is skipped (by SHA-256), and an empty file, which editors produce
 * briefly when they truncate before writing, is ignored. All work happens on one daemon thread; the
 * listener runs on it, so listener calls never overlap. Warnings of a reloaded config are logged
 * here.
 */
public final class ConfigWatcher implements AutoCloseable {

  /** How long the file must stay quiet before it is read, as in CLIProxyAPI. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(150);

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Path file;
  private final String source;
  private final ConfigLoader loader;
  private final PathRules paths;
  private final Consumer<LoadedConfig> listener;
  // Set by start() before the watch begins, then only read or written by the watch thread.
  private DirectoryWatch watch;
  private LoadedConfig initial;
  // Written by the watch thread and by expect(), which a writer of the file calls from its own.
  private volatile byte[] appliedHash;

  private ConfigWatcher(
      Path file, ConfigLoader loader, PathRules paths, Consumer<LoadedConfig> listener) {
    this.file = file.toAbsolutePath().normalize();
    this.source = file.toString();
    this.loader = loader;
    this.paths = paths;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Starts watching with the default debounce; relative paths resolve against the working dir. */
  public static ConfigWatcher start(Path file, ConfigLoader loader, Consumer<LoadedConfig> listener)
      throws IOException {
    return start(file, loader, PathRules.ofProcess(), DEFAULT_DEBOUNCE, listener);
  }

  /**
   * Loads {@code file} (see {@link #initial()}) and starts watching it.
   *
   * @param file the config file, named in messages as given
   * @param loader reads it, with the provider kinds' sections
   * @param paths how paths inside the file resolve
   * @param debounce how long the file must stay quiet before it is read
   * @param listener receives each new valid config after the initial one, on the watcher thread
   * @throws IOException if the file's directory cannot be watched
   * @throws ConfigException if the file cannot be read or is invalid now
   */
  public static ConfigWatcher start(
      Path file,
      ConfigLoader loader,
      PathRules paths,
      Duration debounce,
      Consumer<LoadedConfig> listener)
      throws IOException {
    ConfigWatcher watcher = new ConfigWatcher(file, loader, paths, listener);
    Path name = watcher.file.getFileName();
    watcher.watch =
        DirectoryWatch.open(
            watcher.file.getParent(), "config-watcher", debounce, name::equals, watcher::reload);
    try {
      // Loaded after the watch is registered, so no edit can fall between the load and the watch.
      byte[] content = ConfigLoader.read(watcher.file, watcher.source);
      watcher.initial = loader.parse(content, watcher.source, paths);
      watcher.appliedHash = sha256(content);
    } catch (RuntimeException e) {
      watcher.watch.close();
      throw e;
    }
    watcher.watch.begin();
    return watcher;
  }

  /** The config as it was when watching started; not passed to the listener. */
  public LoadedConfig initial() {
    return initial;
  }

  /**
   * Tells the watcher that {@code content} is being written to the file and applied by the writer
   * itself (see {@link ConfigFile}), so that the change event it causes is not a second reload.
   * Called before the file is replaced; a later change to other content is reloaded as usual.
   */
  void expect(byte[] content) {
    appliedHash = sha256(content);
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
    byte[] content;
    try {
      content = ConfigLoader.read(file, source);
    } catch (ConfigException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        log.debug("{} is gone; waiting for it to be written again", source);
      } else {
        log.error("config reload failed, keeping the previous config: {}", e.getMessage());
      }
      return;
    }
    if (content.length == 0) {
      log.debug("{} is empty, probably mid-save; ignoring this change", source);
      return;
    }
    byte[] hash = sha256(content);
    if (MessageDigest.isEqual(hash, appliedHash)) {
      log.debug("{} content unchanged; nothing to reload", source);
      return;
    }
    LoadedConfig loaded;
    try {
      loaded = loader.parse(content, source, paths);
    } catch (ConfigException e) {
      log.error("config reload rejected, keeping the previous config: {}", e.getMessage());
      return;
    }
    if (watch.isClosed()) {
      return;
    }
    loaded.warnings().forEach(warning -> log.warn("{}: {}", source, warning));
    // Recorded before the listener runs, so that content the listener writes back (and expects)
    // is what counts as applied once it returns.
    byte[] previous = appliedHash;
    appliedHash = hash;
    try {
      listener.accept(loaded);
    } catch (RuntimeException e) {
      appliedHash = previous;
      log.error(
          "config reload failed while applying it; the file will be tried again on its next change",
          e);
      return;
    }
    log.info("config reloaded from {}", source);
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
