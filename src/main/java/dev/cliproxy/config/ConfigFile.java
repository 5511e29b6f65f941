package dev.cliproxy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy's {@code config.yaml} as something to write: every change is validated by the
 * loader the proxy runs with before the file is touched, written atomically, applied to the proxy
 * before the call returns, and announced to the {@link ConfigWatcher} so that it is not reloaded a
 * second time. Writes are serialised. A rewrite given at construction (the management key's hash)
 * runs on every load: at start ({@link #seal}), on every reload the watcher sees, and on every
 * write.
 */
public final class ConfigFile {

  /** Replaces a file's content in one step, keeping its permissions. */
  @FunctionalInterface
  public interface Writer {
    void replace(Path file, byte[] content) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(ConfigFile.class);

  private final Path path;
  private final String source;
  private final ConfigLoader loader;
  private final PathRules paths;
  private final Writer writer;
  private final UnaryOperator<ConfigDocument> onLoad;
  private final Consumer<LoadedConfig> apply;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile ConfigWatcher watcher;

  /**
   * @param path the config file; it need not exist yet
   * @param loader the loader the proxy runs with, with every section
   * @param paths how paths inside the file resolve
   * @param writer replaces the file atomically
   * @param onLoad rewrites a document as it is loaded, or returns it as it is
   * @param apply makes a new config the running one; called with this file's lock held
   */
  public ConfigFile(
      Path path,
      ConfigLoader loader,
      PathRules paths,
      Writer writer,
      UnaryOperator<ConfigDocument> onLoad,
      Consumer<LoadedConfig> apply) {
    this.path = path.toAbsolutePath().normalize();
    this.source = path.toString();
    this.loader = Objects.requireNonNull(loader, "loader");
    this.paths = Objects.requireNonNull(paths, "paths");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.onLoad = Objects.requireNonNull(onLoad, "onLoad");
    this.apply = Objects.requireNonNull(apply, "apply");
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The file's bytes as they are on disk; empty when there is no file. */
  public Optional<byte[]> content() throws IOException {
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The file as a document; an empty one when there is no file.
   *
   * @throws ConfigException when the file is not UTF-8 YAML
   */
  public ConfigDocument document() throws IOException {
    return document(content().orElse(new byte[0]));
  }

  /**
   * Changes the file and the running proxy.
   *
   * @param change the edit, given the file as it is now
   * @return the config now running
   * @throws ConfigException with the loader's message when the edited file would be invalid; the
   *     file and the proxy are then as they were
   * @throws IOException when the file cannot be read or written; the proxy is then as it was
   */
  public LoadedConfig edit(UnaryOperator<ConfigDocument> change) throws IOException {
    lock.lock();
    try {
      Optional<byte[]> before = content();
      ConfigDocument current = document(before.orElse(new byte[0]));
      return commit(onLoad.apply(change.apply(current)), before);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the whole file and the running config with {@code document}, rewritten as on load.
   *
   * @return the config now running
   * @throws ConfigException with the loader's message when the document is not a valid config; the
   *     file and the proxy are then as they were
   */
  public LoadedConfig replace(ConfigDocument document) throws IOException {
    lock.lock();
    try { // the file as it is now is not read as a document: it may be the broken one replaced
      return commit(onLoad.apply(document), content());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rewrites the file as {@code onLoad} says, at start, before the proxy reads its config: the
   * config in the file afterwards when it changed. A file that cannot be written is logged and left
   * as it is.
   *
   * @throws ConfigException when the rewritten file would be invalid
   */
  public Optional<LoadedConfig> seal() {
    lock.lock();
    try {
      Optional<byte[]> before = content();
      if (before.isEmpty()) {
        return Optional.empty();
      }
      ConfigDocument current = document(before.get());
      ConfigDocument sealed = onLoad.apply(current);
      if (sealed.text().equals(current.text())) {
        return Optional.empty();
      }
      LoadedConfig loaded = validate(sealed);
      write(sealed, before);
      return Optional.of(loaded);
    } catch (IOException e) {
      log.warn("cannot write {} back ({}); it is used as it is", source, e.toString());
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts watching the file: a change made by someone else is rewritten as on load and applied.
   *
   * @throws IOException if the file's directory cannot be watched
   * @throws ConfigException if the file cannot be read or is invalid now
   */
  public ConfigWatcher watch(Duration debounce) throws IOException {
    ConfigWatcher started = ConfigWatcher.start(path, loader, paths, debounce, this::reloaded);
    watcher = started;
    return started;
  }

  /** A change the watcher saw, made by someone else: sealed, then applied. */
  private void reloaded(LoadedConfig loaded) {
    lock.lock();
    try {
      LoadedConfig running = loaded;
      try {
        Optional<byte[]> before = content();
        ConfigDocument current = document(before.orElse(new byte[0]));
        ConfigDocument sealed = onLoad.apply(current);
        if (!sealed.text().equals(current.text())) {
          running = validate(sealed);
          write(sealed, before);
        }
      } catch (IOException | ConfigException e) {
        log.warn("cannot write {} back ({}); it is used as it is", source, e.getMessage());
      }
      apply.accept(running);
    } finally {
      lock.unlock();
    }
  }

  private LoadedConfig commit(ConfigDocument next, Optional<byte[]> before) throws IOException {
    LoadedConfig loaded = validate(next);
    if (before.isPresent() && Arrays.equals(before.get(), bytes(next))) {
      return loaded; // nothing changed: the running config is this one already
    }
    write(next, before);
    apply.accept(loaded);
    return loaded;
  }

  private LoadedConfig validate(ConfigDocument document) {
    return loader.parse(bytes(document), source, paths);
  }

  private void write(ConfigDocument document, Optional<byte[]> before) throws IOException {
    byte[] content = bytes(document);
    ConfigWatcher current = watcher;
    if (current != null) {
      current.expect(content);
    }
    try {
      writer.replace(path, content);
    } catch (IOException | RuntimeException e) {
      if (current != null) {
        before.ifPresent(current::expect);
      }
      throw e;
    }
    log.info("{} written ({} bytes)", source, content.length);
  }

  private ConfigDocument document(byte[] content) {
    try {
      return ConfigDocument.parse(ConfigLoader.decode(content, source));
    } catch (ConfigException e) {
      throw e.source().isEmpty() ? e.withSource(source) : e;
    }
  }

  private static byte[] bytes(ConfigDocument document) {
    return document.text().getBytes(StandardCharsets.UTF_8);
  }
}
