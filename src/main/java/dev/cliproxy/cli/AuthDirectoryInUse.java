package dev.cliproxy.cli;

import dev.cliproxy.auth.refresh.RefreshEngine;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.AuthSnapshot;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.management.AuthFileRoutes;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The auth directory the proxy uses now (it moves when {@code auth-dir} changes), as the refresh
 * engine saves rotated tokens into it and the management API reads, writes and applies it.
 */
final class AuthDirectoryInUse implements RefreshEngine.AccountFiles, AuthFileRoutes.Store {
  private static final Duration REFRESH_LOCK_WAIT = Duration.ofSeconds(60);

  private final Consumer<AuthSnapshot> apply;
  private volatile AuthDirectory current;

  /**
   * @param apply makes the running proxy use a snapshot of the directory
   */
  AuthDirectoryInUse(AuthDirectory initial, Consumer<AuthSnapshot> apply) {
    this.current = initial;
    this.apply = apply;
  }

  /** Uses another directory from now on. */
  void moveTo(AuthDirectory directory) {
    current = directory;
  }

  @Override
  public AuthDirectory directory() {
    return current;
  }

  @Override
  public void applyNow() throws IOException {
    apply.accept(current.load());
  }

  @Override
  public void save(CredentialFile file) throws IOException {
    current.save(file);
  }

  @Override
  public Optional<CredentialFile> read(String id) throws IOException {
    return current.read(id);
  }

  @Override
  public Closeable lockForRefresh(String id) throws IOException, InterruptedException {
    return current.lockForRefresh(id, REFRESH_LOCK_WAIT);
  }
}
