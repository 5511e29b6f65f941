package dev.cliproxy.auth.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential files of an auth directory at one moment, and the files that were skipped.
 *
 * @param files the usable files, ordered by file name
 * @param problems the skipped files, ordered by file name
 * @param contentHashes hex SHA-256 of every {@code *.json} file read, usable or not, by file name;
 *     two snapshots with equal hashes saw identical directory content
 */
public record AuthSnapshot(
    List<CredentialFile> files, List<AuthFileProblem> problems, Map<String, String> contentHashes) {

  /** A directory with no auth files. */
  public static final AuthSnapshot EMPTY = new AuthSnapshot(List.of(), List.of(), Map.of());

  public AuthSnapshot {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
    contentHashes = Map.copyOf(contentHashes);
  }

  /** The file with this id (file name), if it is usable. */
  public Optional<CredentialFile> find(String id) {
    return files.stream().filter(file -> file.id().equals(id)).findFirst();
  }

  /** The usable files by id, in file-name order. */
  public Map<String, CredentialFile> byId() {
    Map<String, CredentialFile> byId = new LinkedHashMap<>();
    files.forEach(file -> byId.put(file.id(), file));
    return byId;
  }
}
