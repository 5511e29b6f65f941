package dev.cliproxy.logs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logs directory: {@code main.log} and its rolled files ({@code main-2026-12-04.0.log}), the
 * request logs ({@code request-<id>.log}) and the error logs ({@code error-<id>.log}). Names handed
 * in from outside are checked before they touch the disk: only those of our own files are looked
 * up, and never a path.
 */
public final class LogsDirectory {
  static final String MAIN_LOG = "main.log";
  private static final Pattern ROLLED_MAIN =
      Pattern.compile("main-([0-9]{4}-[0-9]{2}-[0-9]{2})\\.([0-9]{1,9})\\.log(\\.gz)?");

  private final Path dir;

  public LogsDirectory(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The directory. */
  public Path path() {
    return dir;
  }

  /**
   * A file of the directory.
   *
   * @param name its name
   * @param size its size in bytes
   * @param modified when it was last written
   */
  public record LogFile(String name, long size, Instant modified) {}

  /** The error logs, newest first; empty when the directory does not exist. */
  public List<LogFile> errorLogs() throws IOException {
    List<LogFile> errors = new ArrayList<>();
    for (LogFile file : list()) {
      if (LogFileNames.isError(file.name())) {
        errors.add(file);
      }
    }
    errors.sort(Comparator.comparing(LogFile::name).reversed());
    return errors;
  }

  /** The error log of this name, if {@code name} is an error log's name and it exists. */
  public Optional<Path> errorLog(String name) {
    return LogFileNames.isError(name) ? existing(name) : Optional.empty();
  }

  /** The request or error log of the request with this id, if there is one. */
  public Optional<Path> logOfRequest(String id) {
    if (!LogFileNames.isId(id)) {
      return Optional.empty();
    }
    return existing(RequestLogEntry.Kind.REQUEST.prefix() + id + ".log")
        .or(() -> existing(RequestLogEntry.Kind.ERROR.prefix() + id + ".log"));
  }

  /** {@code main.log}'s rolled files oldest first, then {@code main.log} itself if it exists. */
  public List<Path> mainLogs() throws IOException {
    List<Path> rolled = new ArrayList<>();
    for (LogFile file : list()) {
      if (ROLLED_MAIN.matcher(file.name()).matches()) {
        rolled.add(dir.resolve(file.name()));
      }
    }
    rolled.sort(Comparator.comparing(LogsDirectory::rolledOrder));
    existing(MAIN_LOG).ifPresent(rolled::add);
    return rolled;
  }

  /**
   * Empties {@code main.log} and deletes its rolled files.
   *
   * @return how many rolled files were deleted
   */
  public int clearMainLogs() throws IOException {
    int removed = 0;
    for (Path file : mainLogs()) {
      if (file.getFileName().toString().equals(MAIN_LOG)) {
        Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
      } else if (Files.deleteIfExists(file)) {
        removed++;
      }
    }
    return removed;
  }

  /** Whether the directory exists. */
  public boolean exists() {
    return Files.isDirectory(dir);
  }

  /** The request and error logs, oldest first. */
  List<LogFile> ownFiles() throws IOException {
    List<LogFile> own = new ArrayList<>();
    for (LogFile file : list()) {
      if (LogFileNames.isOwn(file.name())) {
        own.add(file);
      }
    }
    own.sort(Comparator.comparing(f -> LogFileNames.idOf(f.name()).orElse("")));
    return own;
  }

  private Optional<Path> existing(String name) {
    Path file = dir.resolve(name).normalize();
    if (!dir.equals(file.getParent()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  private List<LogFile> list() throws IOException {
    List<LogFile> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        try {
          BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
          if (attributes.isRegularFile()) {
            files.add(
                new LogFile(
                    entry.getFileName().toString(),
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant()));
          }
        } catch (NoSuchFileException gone) {
          // deleted while listed
        }
      }
    } catch (NoSuchFileException noDirectory) {
      return List.of();
    }
    return files;
  }

  private static String rolledOrder(Path file) {
    Matcher m = ROLLED_MAIN.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return "";
    }
    return m.group(1) + String.format("%010d", Long.parseLong(m.group(2)));
  }
}
