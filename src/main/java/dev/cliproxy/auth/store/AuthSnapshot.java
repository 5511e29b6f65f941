package dev.cliproxy.auth.store;

import java.util.ArrayList;
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

  /**
   * What differs from {@code previous}, by id: for a consumer that applies changes rather than
   * swapping the whole set.
   */
  public Changes changesSince(AuthSnapshot previous) {
    Map<String, CredentialFile> before = previous.byId();
    Map<String, CredentialFile> after = byId();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    after.forEach((id, file) -> {
      CredentialFile old = before.get(id);
      if (old == null) {
        added.add(id);
      } else if (!old.equals(file)) {
        changed.add(id);
      }
    });
    List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).toList();
    return new Changes(added, changed, removed);
  }

  /**
   * Credential ids that appeared, changed content, or went away (or became unusable).
   *
   * @param added ids only in the newer snapshot
   * @param changed ids in both whose JSON differs
   * @param removed ids only in the older snapshot
   */
  public record Changes(List<String> added, List<String> changed, List<String> removed) {
    public Changes {
      added = List.copyOf(added);
      changed = List.copyOf(changed);
      removed = List.copyOf(removed);
    }

    public boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
  }

  /** The usable files by id, in file-name order. */
  public Map<String, CredentialFile> byId() {
    Map<String, CredentialFile> byId = new LinkedHashMap<>();
    files.forEach(file -> byId.put(file.id(), file));
    return byId;
  }
}
