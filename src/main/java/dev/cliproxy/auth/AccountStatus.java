package dev.cliproxy.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known about one auth-dir account right now, for status pages and metrics. Never a token.
 *
 * @param fileName the file inside the auth directory, e.g. {@code codex-a@b.com.json}
 * @param type its provider type ({@code codex}, {@code claude}, {@code gemini-cli})
 * @param email the account's email, if the file names one
 * @param expiry when its access token expires, if the file says
 * @param state usable, or waiting for a new login
 * @param message the last refresh problem, empty when none
 * @param lastRefresh when this process last refreshed it, if it has
 * @param nextRefreshAttempt no background refresh before this time (back-off after a failure)
 * @param refreshFailures consecutive failed refreshes
 */
public record AccountStatus(
    String fileName,
    String type,
    Optional<String> email,
    Optional<Instant> expiry,
    Account.State state,
    String message,
    Optional<Instant> lastRefresh,
    Instant nextRefreshAttempt,
    int refreshFailures) {

  /** The status of one account as it is now. */
  static AccountStatus of(Account account) {
    Account.Health health = account.health();
    return new AccountStatus(
        account.id(),
        account.provider(),
        account.file().email(),
        account.file().expiry(),
        health.state(),
        health.message(),
        account.lastRefresh(),
        account.nextRefreshAttempt(),
        account.refreshFailures());
  }
}
