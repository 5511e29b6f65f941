package dev.cliproxy.auth.refresh;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.store.CredentialFile;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OAuth accounts' access tokens alive: refreshes each ahead of expiry (by its provider's lead
 * time) on a background tick, cooling down or not, and on demand when an upstream answers 401.
 *
 * <p>One refresh per account at a time: every refresh holds the account's lock, and a caller that
 * waited for the lock first checks whether the token it saw has been replaced meanwhile, so 20
 * requests failing together cause one refresh. A rotated refresh token is saved to disk before the
 * new access token is handed to requests. A refusal for good ({@code invalid_grant}) marks the
 * account as needing a login, logged once, and stops its refreshes until the file changes; other
 * failures back off from 30 seconds to 5 minutes.
 */
public final class RefreshEngine implements TokenRecovery, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RefreshEngine.class);

  /** How often due accounts are looked for (CLIProxyAPI's 5 s tick). */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(5);

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** After a refresh whose new token is still inside the lead window, wait this long. */
  static final Duration INEFFECTIVE_BACKOFF = Duration.ofSeconds(30);

  /** How long a request waits for another request's refresh of the same account. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(60);

  private static final int PARALLEL_BACKGROUND_REFRESHES = 4;

  /** The account files on disk, shared with other processes that use the same directory. */
  public interface AccountFiles {
    /** Writes a refreshed file atomically. */
    void save(CredentialFile file) throws IOException;

    /** The file as it is on disk now; empty when gone or unreadable. */
    Optional<CredentialFile> read(String id) throws IOException;

    /** Holds the cross-process refresh lock of one file until closed. */
    Closeable lockForRefresh(String id) throws IOException, InterruptedException;
  }

  private final Supplier<List<Account>> accounts;
  private final Function<String, Optional<TokenRefresher>> refreshers;
  private final AccountFiles files;
  private final Function<Account, HttpClient> http;
  private final Clock clock;
  private final Semaphore background = new Semaphore(PARALLEL_BACKGROUND_REFRESHES);
  private final List<RefreshListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Thread ticker;

  /**
   * @param accounts the live accounts, read on every tick
   * @param refreshers the refresher for a provider type under the current config, if it has one
   * @param files the account files, for saving, re-reading and the cross-process lock
   * @param http the started HTTP client for an account's token calls, through its outbound proxy
   */
  public RefreshEngine(
      Supplier<List<Account>> accounts,
      Function<String, Optional<TokenRefresher>> refreshers,
      AccountFiles files,
      Function<Account, HttpClient> http,
      Clock clock) {
    this.accounts = accounts;
    this.refreshers = refreshers;
    this.files = files;
    this.http = http;
    this.clock = clock;
  }

  /** Tells {@code listener} how every refresh from now on comes out. */
  public void listen(RefreshListener listener) {
    listeners.add(listener);
  }

  private void tell(Account account, RefreshListener.Result result) {
    for (RefreshListener listener : listeners) {
      try {
        listener.refreshed(account.provider(), result);
      } catch (RuntimeException e) {
        log.warn("refresh listener {} failed", listener.getClass().getName(), e);
      }
    }
  }

  /** Starts the background tick on a daemon virtual thread; the first check runs at once. */
  public synchronized RefreshEngine start(Duration tick) {
    if (ticker == null) {
      ticker =
          Thread.ofVirtual()
              .name("token-refresh")
              .start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    refreshDue();
                    Thread.sleep(tick);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    log.error("token refresh check failed", e);
                  }
                }
              });
    }
    return this;
  }

  /**
   * Starts a background refresh of every account that is due and not already refreshing; returns
   * without waiting for them.
   */
  public void refreshDue() {
    Instant now = clock.instant();
    for (Account account : accounts.get()) {
      Optional<TokenRefresher> refresher = refreshers.apply(account.provider());
      if (refresher.isEmpty() || !isDue(account, refresher.get(), now)) {
        continue;
      }
      if (!background.tryAcquire()) {
        return; // the rest wait for the next tick
      }
      Thread.ofVirtual()
          .name("token-refresh-" + account.id())
          .start(() -> {
            try {
              if (account.refreshLock().tryLock()) {
                try {
                  if (isDue(account, refresher.get(), clock.instant())) {
                    refresh(
                        account,
                        refresher.get(),
                        "ahead of expiry",
                        a -> isDue(a, refresher.get(), clock.instant()));
                  }
                } finally {
                  account.refreshLock().unlock();
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              background.release();
            }
          });
    }
  }

  /** Whether the account should be refreshed now. */
  static boolean isDue(Account account, TokenRefresher refresher, Instant now) {
    CredentialFile file = account.file();
    if (account.needsLogin()
        || file.refreshToken().isEmpty()
        || now.isBefore(account.nextRefreshAttempt())) {
      return false;
    }
    return tokensDue(file, account.lastRefresh(), refresher.leadTime(), now);
  }

  /**
   * Whether a file's tokens are due: the access token expires within {@code lead}, or, when the
   * file states no expiry, the last refresh is {@code lead} or more ago (or unknown).
   */
  static boolean tokensDue(
      CredentialFile file, Optional<Instant> lastRefresh, Duration lead, Instant now) {
    Optional<Instant> expiry = file.expiry();
    if (expiry.isPresent()) {
      return !expiry.get().minus(lead).isAfter(now);
    }
    Optional<Instant> last = lastRefresh.or(() -> lastRefreshIn(file));
    return last.isEmpty() || !last.get().plus(lead).isAfter(now);
  }

  @Override
  public boolean recover(Account account, String staleToken) throws InterruptedException {
    Optional<TokenRefresher> refresher = refreshers.apply(account.provider());
    if (refresher.isEmpty() || account.needsLogin()) {
      return false;
    }
    if (!account.accessToken().equals(staleToken)) {
      return true;
    }
    if (!account.refreshLock().tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    try {
      if (!account.accessToken().equals(staleToken)) {
        return true; // another request refreshed it while this one waited
      }
      if (account.needsLogin()
          || account.file().refreshToken().isEmpty()
          || clock.instant().isBefore(account.nextRefreshAttempt())
              && account.refreshFailures() > 0) {
        return false;
      }
      return refresh(
          account,
          refresher.get(),
          "after a 401 from the upstream",
          a -> a.accessToken().equals(staleToken));
    } finally {
      account.refreshLock().unlock();
    }
  }

  /**
   * One refresh; the caller holds the account's in-process lock. Under the cross-process lock the
   * file is read again first: when another process (or a new login) has replaced it and {@code
   * stillNeeded} no longer holds for the new content, that content is adopted and no call is made,
   * so a rotating refresh token is never spent twice.
   *
   * @return whether the account now holds a usable new token
   */
  private boolean refresh(
      Account account, TokenRefresher refresher, String why, Predicate<Account> stillNeeded)
      throws InterruptedException {
    try (Closeable crossProcess = files.lockForRefresh(account.id())) {
      if (adoptedFromDisk(account) && !stillNeeded.test(account)) {
        log.info("{} was refreshed by another process; using its tokens", account.label());
        return true;
      }
      return refreshHeld(account, refresher, why);
    } catch (IOException lockProblem) {
      Instant now = clock.instant();
      Duration backoff = backoff(account.refreshFailures());
      account.refreshFailed("refresh lock: " + lockProblem.getMessage(), now, now.plus(backoff));
      tell(account, RefreshListener.Result.FAILED);
      log.warn(
          "cannot refresh {} now ({}); trying again in {} s",
          account.label(),
          lockProblem.getMessage(),
          backoff.toSeconds());
      return false;
    }
  }

  /** Takes the file's current content from disk when it differs from the account's. */
  private boolean adoptedFromDisk(Account account) {
    Optional<CredentialFile> onDisk;
    try {
      onDisk = files.read(account.id());
    } catch (IOException e) {
      return false;
    }
    if (onDisk.isEmpty() || onDisk.get().equals(account.file())) {
      return false;
    }
    account.replacedOnDisk(onDisk.get(), clock.instant());
    return true;
  }

  /** The refresher's call and its outcome; both locks are held. */
  private boolean refreshHeld(Account account, TokenRefresher refresher, String why)
      throws InterruptedException {
    log.info("refreshing {} {}", account.label(), why);
    CredentialFile updated;
    try {
      updated = refresher.refresh(account.file(), http.apply(account));
    } catch (RefreshFailure failure) {
      Instant now = clock.instant();
      if (failure.permanent()) {
        account.needsLogin(failure.getMessage(), now);
        log.warn(
            "{} ({}) needs a new login: {}. Run ./cli-proxy-api --{}-login; until then it is not"
                + " used.",
            account.label(),
            account.id(),
            failure.getMessage(),
            account.provider());
        tell(account, RefreshListener.Result.NEEDS_LOGIN);
      } else {
        Duration backoff = backoff(account.refreshFailures());
        account.refreshFailed(failure.getMessage(), now, now.plus(backoff));
        log.warn(
            "refreshing {} failed: {}; trying again in {} s",
            account.label(),
            failure.getMessage(),
            backoff.toSeconds());
        tell(account, RefreshListener.Result.FAILED);
      }
      return false;
    } catch (RuntimeException e) {
      Instant now = clock.instant();
      Duration backoff = backoff(account.refreshFailures());
      account.refreshFailed(e.toString(), now, now.plus(backoff));
      log.error("refreshing {} failed unexpectedly", account.label(), e);
      tell(account, RefreshListener.Result.FAILED);
      return false;
    }
    String note = "";
    try {
      files.save(updated);
    } catch (IOException e) {
      // The old refresh token may already be spent, so the new one is kept in memory regardless.
      note = "refreshed tokens could not be saved: " + e.getMessage();
      log.error(
          "{}: {}; they are used from memory and saved again at the next refresh",
          account.id(),
          note);
    }
    Instant now = clock.instant();
    Instant notBefore =
        tokensDue(updated, Optional.of(now), refresher.leadTime(), now)
            ? now.plus(INEFFECTIVE_BACKOFF)
            : now;
    account.refreshed(updated, now, notBefore, note);
    tell(account, RefreshListener.Result.REFRESHED);
    log.info(
        "refreshed {}; access token valid until {}",
        account.label(),
        updated.expiry().map(Instant::toString).orElse("(not stated)"));
    return true;
  }

  static Duration backoff(int failuresSoFar) {
    if (failuresSoFar >= 4) {
      return MAX_BACKOFF;
    }
    Duration d = FIRST_BACKOFF.multipliedBy(1L << failuresSoFar);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static Optional<Instant> lastRefreshIn(CredentialFile file) {
    return file.lastRefresh()
        .flatMap(text -> {
          try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
          } catch (DateTimeParseException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.interrupt();
      ticker = null;
    }
  }
}
