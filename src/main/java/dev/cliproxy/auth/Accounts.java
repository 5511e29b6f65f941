package dev.cliproxy.auth;

import dev.cliproxy.auth.store.AuthSnapshot;
import dev.cliproxy.auth.store.CredentialFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live OAuth accounts of the auth directory, by file id. Applying a new directory snapshot
 * keeps the {@link Account} object of every file that is still there (so its refresh lock, back-off
 * and health survive), swaps in edited tokens, and drops deleted files; a request holding a dropped
 * account finishes with it.
 */
public final class Accounts {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private volatile Map<String, Account> byId = Map.of();

  /**
   * Makes the set match a snapshot of the auth directory at {@code directory}.
   *
   * @return whether any account was added, changed or removed
   */
  public synchronized boolean apply(AuthSnapshot snapshot, Path directory, Instant now) {
    Map<String, Account> previous = byId;
    Map<String, Account> next = new LinkedHashMap<>();
    boolean changed = false;
    for (CredentialFile file : snapshot.files()) {
      if (file.disabled()) {
        continue;
      }
      Account existing = previous.get(file.id());
      if (existing == null) {
        next.put(file.id(), new Account(file, directory, now));
        log.info("account added: {} ({})", file.id(), file.provider());
        changed = true;
      } else {
        if (!existing.file().equals(file)) {
          existing.replacedOnDisk(file, now);
          log.info("account changed on disk: {}", file.id());
          changed = true;
        }
        existing.locatedIn(directory);
        next.put(file.id(), existing);
      }
    }
    for (String id : previous.keySet()) {
      if (!next.containsKey(id)) {
        log.info("account removed: {}", id);
        changed = true;
      }
    }
    byId = java.util.Collections.unmodifiableMap(next);
    return changed;
  }

  /** Every live account, in file-name order. */
  public List<Account> all() {
    return List.copyOf(byId.values());
  }

  /** The status of every live account, in file-name order. */
  public List<AccountStatus> status() {
    return byId.values().stream().map(AccountStatus::of).toList();
  }

  /** The live accounts of one provider type ({@code codex}, {@code claude}, …). */
  public List<Account> ofType(String providerType) {
    List<Account> result = new ArrayList<>();
    for (Account account : byId.values()) {
      if (account.provider().equals(providerType)) {
        result.add(account);
      }
    }
    return result;
  }
}
