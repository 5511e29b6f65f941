package dev.cliproxy.auth.store;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content, never a
 * mix, and so that no other user can read it: secrets go to an owner-only (0600) temporary file in
 * the same directory, which is flushed to disk and then renamed over the target in one step.
 *
 * <p>Temporary files are named {@code .<target>.<random>.tmp}, so directory watchers that look for
 * {@code *.json} ignore them. A missing directory is created owner-only (0700).
 */
public final class AtomicFileWriter {

  /** A step run on the flushed temporary file just before the rename; tests inject failures. */
  @FunctionalInterface
  interface BeforeRename {
    void run(Path temporary) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(AtomicFileWriter.class);
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");

  private final BeforeRename beforeRename;

  public AtomicFileWriter() {
    this(temporary -> {});
  }

  AtomicFileWriter(BeforeRename beforeRename) {
    this.beforeRename = Objects.requireNonNull(beforeRename, "beforeRename");
  }

  /**
   * Writes {@code content} to {@code target}, replacing it atomically.
   *
   * @throws IOException if any step fails; the target is then as it was and the temporary file gone
   */
  public void write(Path target, byte[] content) throws IOException {
    write(target, content, FILE_MODE);
  }

  /**
   * Writes {@code content} to {@code target} as {@link #write} does, except that a target that
   * exists keeps its permissions (a config file the user made 0644 stays 0644); a new one is 0600.
   *
   * @throws IOException if any step fails; the target is then as it was and the temporary file gone
   */
  public void replaceKeepingMode(Path target, byte[] content) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Set<PosixFilePermission> mode =
        isPosix(absolute.getFileSystem()) && Files.exists(absolute)
            ? Files.getPosixFilePermissions(absolute)
            : FILE_MODE;
    write(absolute, content, mode);
  }

  private void write(Path target, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path directory = absolute.getParent();
    createPrivateDirectory(directory);
    Path temporary =
        Files.createTempFile(
            directory,
            "." + absolute.getFileName() + ".",
            ".tmp",
            fileAttributes(directory, FILE_MODE));
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (!mode.equals(FILE_MODE) && isPosix(temporary.getFileSystem())) {
        Files.setPosixFilePermissions(temporary, mode);
      }
      beforeRename.run(temporary);
      Files.move(temporary, absolute, ATOMIC_MOVE, REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    syncDirectory(directory);
  }

  /**
   * Creates {@code directory} and missing parents owner-only (0700) where the file system has POSIX
   * permissions; an existing directory is left as it is.
   */
  public static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Files.createDirectories(directory, fileAttributes(directory, DIRECTORY_MODE));
    if (isPosix(directory.getFileSystem())) {
      // The umask may have taken bits away, never added them; setting it again makes it exact.
      Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
    }
  }

  /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug(
          "cannot sync directory {} ({}); the rename is done but may not be durable yet",
          directory,
          e.toString());
    }
  }

  private static FileAttribute<?>[] fileAttributes(
      Path path, Set<PosixFilePermission> permissions) {
    return isPosix(path.getFileSystem())
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(FileSystem fileSystem) {
    return fileSystem.supportedFileAttributeViews().contains("posix");
  }
}
