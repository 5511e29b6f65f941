package dev.cliproxy.provider.vertex;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.store.CredentialFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens for Vertex accounts, minted from each account's service-account key and kept until
 * shortly before they expire. One mint at a time per account: requests that arrive while one is
 * under way wait for its token instead of minting their own. A changed account file (another key,
 * project or location) is read afresh and gets a new token.
 */
final class VertexTokens {
  /** How long before expiry a token is replaced. */
  static final Duration LEAD = Duration.ofMinutes(5);

  /** One account's parsed file and its current token, guarded by its lock. */
  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    CredentialFile file;
    VertexAccount account;
    TokenExchange.Minted minted;
  }

  private final TokenExchange exchange;
  private final Clock clock;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  VertexTokens(TokenExchange exchange, Clock clock) {
    this.exchange = exchange;
    this.clock = clock;
  }

  /** The account's file as read, and a token valid for a few minutes more at least. */
  Issued issue(Account account) {
    Slot slot = slots.computeIfAbsent(account.id(), id -> new Slot());
    slot.lock.lock();
    try {
      CredentialFile file = account.file();
      if (!file.equals(slot.file)) {
        slot.account = VertexAccount.of(file);
        slot.file = file;
        slot.minted = null;
      }
      Instant now = clock.instant();
      if (slot.minted == null || !now.isBefore(slot.minted.expires().minus(LEAD))) {
        slot.minted = exchange.mint(slot.account.serviceAccount(), now);
      }
      return new Issued(slot.account, slot.minted.accessToken());
    } finally {
      slot.lock.unlock();
    }
  }

  /** An account and the bearer token to call it with. */
  record Issued(VertexAccount account, String accessToken) {
    @Override
    public String toString() {
      return "Issued[" + account + ", <redacted>]";
    }
  }
}
