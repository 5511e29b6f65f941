package dev.cliproxy.auth.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * An exclusive lock on one account's refresh, held across processes that share the auth directory
 * (two proxies, or a proxy and another tool), so a rotating refresh token is never spent twice. It
 * is an OS file lock on {@code .<file>.lock} next to the account file; the watcher ignores such
 * names. Within one JVM a second holder is refused like another process would be.
 */
public final class RefreshLock implements java.io.Closeable {
  private static final Duration POLL = Duration.ofMillis(50);

  private final FileChannel channel;
  private final FileLock lock;

  private RefreshLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code lockFile}, waiting up to {@code wait} for another holder.
   *
   * @throws IOException when the lock file cannot be opened, or the wait ends first
   */
  static RefreshLock acquire(Path lockFile, Duration wait)
      throws IOException, InterruptedException {
    FileChannel channel = open(lockFile);
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
          lock = null;
        }
        if (lock != null) {
          return new RefreshLock(channel, lock);
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new IOException(
              "another process kept "
                  + lockFile.getFileName()
                  + " locked for "
                  + wait.toSeconds()
                  + " s");
        }
        Thread.sleep(POLL);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FileChannel open(Path lockFile) throws IOException {
    try {
      return FileChannel.open(
          lockFile,
          java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
