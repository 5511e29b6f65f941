package dev.cliproxy.auth.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code auth-dir} (by default {@code ~/.cli-proxy-api}) as a store of credential files in
 * CLIProxyAPI's format: loads every top-level {@code *.json} file, saves and deletes them.
 *
 * <p>A file that is not a JSON object with a non-empty string {@code type} is skipped, logged and
 * reported by name; it is never fatal and never rewritten. Saves are atomic and owner-only (see
 * {@link AtomicFileWriter}).
 */
public final class AuthDirectory {

  /** What auth files are called; matched case-sensitively, as CLIProxyAPI's watcher does. */
  static final String SUFFIX = ".json";

  private static final Logger log = LoggerFactory.getLogger(AuthDirectory.class);

  private final Path path;
  private final AtomicFileWriter writer;

  /**
   * @param path the auth directory, {@code ~} already expanded
   */
  public AuthDirectory(Path path) {
    this(path, new AtomicFileWriter());
  }

  AuthDirectory(Path path, AtomicFileWriter writer) {
    this.path = path.toAbsolutePath().normalize();
    this.writer = writer;
  }

  public Path path() {
    return path;
  }

  /** Whether {@code fileName} is one this store reads: a plain top-level {@code *.json} name. */
  public static boolean isAuthFileName(String fileName) {
    return fileName.endsWith(SUFFIX)
        && fileName.length() > SUFFIX.length()
        && !fileName.startsWith(".")
        && fileName.indexOf('/') < 0
        && fileName.indexOf('\\') < 0;
  }

  /** Creates the directory owner-only (0700) if it does not exist yet. */
  public void create() throws IOException {
    AtomicFileWriter.createPrivateDirectory(path);
  }

  /**
   * Reads every top-level {@code *.json} file. A missing directory gives {@link
   * AuthSnapshot#EMPTY}; a file that vanishes while being read is left out.
   *
   * @throws IOException if the directory exists but cannot be listed
   */
  public AuthSnapshot load() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (isAuthFileName(name) && Files.isRegularFile(entry)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return AuthSnapshot.EMPTY;
    }
    List<CredentialFile> files = new ArrayList<>();
    List<AuthFileProblem> problems = new ArrayList<>();
    Map<String, String> hashes = new HashMap<>();
    for (String name : names) {
      byte[] content;
      try {
        content = Files.readAllBytes(path.resolve(name));
      } catch (NoSuchFileException gone) {
        continue;
      } catch (IOException e) {
        problems.add(skip(name, "cannot be read: " + e.getClass().getSimpleName()));
        continue;
      }
      hashes.put(name, sha256(content));
      try {
        files.add(CredentialFile.parse(name, content));
      } catch (CredentialFileException e) {
        problems.add(skip(name, e.problem()));
      }
    }
    return new AuthSnapshot(files, problems, hashes);
  }

  /** Writes {@code file} as {@code <auth-dir>/<file.id()>}, atomically and owner-only. */
  public void save(CredentialFile file) throws IOException {
    writer.write(resolve(file.id()), file.toBytes());
    log.debug("saved credential file {}", file);
  }

  /**
   * Writes a file as it was sent (an upload), after checking it is a credential file; atomically
   * and owner-only, replacing a file of that name.
   *
   * @throws CredentialFileException when the content is not a JSON object with a {@code type};
   *     nothing is written then
   */
  public CredentialFile saveAsSent(String id, byte[] content) throws IOException {
    CredentialFile file = CredentialFile.parse(id, content);
    writer.write(resolve(id), content);
    log.debug("saved credential file {}", file);
    return file;
  }

  /** The size and modification time of the file with this id, if it exists. */
  public Optional<java.nio.file.attribute.BasicFileAttributes> attributes(String id) {
    try {
      return Optional.of(
          Files.readAttributes(resolve(id), java.nio.file.attribute.BasicFileAttributes.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The file with this id as it is on disk now, or empty when it is gone or no longer a valid
   * credential file (another process may have rewritten it since it was loaded).
   */
  public Optional<CredentialFile> read(String id) throws IOException {
    try {
      return Optional.of(CredentialFile.parse(id, Files.readAllBytes(resolve(id))));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (CredentialFileException broken) {
      return Optional.empty();
    }
  }

  /**
   * Takes the cross-process refresh lock of the file with this id (see {@link RefreshLock}),
   * waiting up to {@code wait} for another holder.
   */
  public RefreshLock lockForRefresh(String id, Duration wait)
      throws IOException, InterruptedException {
    resolve(id);
    return RefreshLock.acquire(path.resolve("." + id + ".lock"), wait);
  }

  /** Removes the file with this id; a file that is already gone is not an error. */
  public void delete(String id) throws IOException {
    Files.deleteIfExists(resolve(id));
  }

  private Path resolve(String id) {
    if (!isAuthFileName(id)) {
      throw new IllegalArgumentException(
          "not a top-level auth file name (want <name>.json): " + id);
    }
    return path.resolve(id);
  }

  private AuthFileProblem skip(String name, String problem) {
    log.warn("skipping auth file {} in {}: {}", name, path, problem);
    return new AuthFileProblem(name, problem);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
