package dev.cliproxy.auth;

import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.ProxyUrl;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A live OAuth account backed by one auth file: its current tokens and whether it still works.
 * Requests hold the account they started with, so an edit or a refresh reaches them at their next
 * upstream call, and a deleted file does not break a request in flight.
 */
public final class Account {

  /** Whether the account can be used. */
  public enum State {
    /** Tokens are usable, or can be refreshed. */
    READY,
    /** The refresh token was refused for good; only a new login (a new file) helps. */
    NEEDS_LOGIN
  }

  /**
   * What is known about the account's health.
   *
   * @param state usable or not
   * @param message the last refresh problem, empty when none
   * @param since when the state or message was set
   */
  public record Health(State state, String message, Instant since) {}

  private final String id;
  private final ReentrantLock refreshLock = new ReentrantLock();
  private volatile CredentialFile file;
  private volatile String authIndex;
  private volatile Health health;
  private volatile Instant lastRefresh;
  private volatile Instant nextRefreshAttempt = Instant.MIN;
  private volatile int refreshFailures;

  /** An account whose file lies in the working directory (tests, and files not yet placed). */
  public Account(CredentialFile file, Instant now) {
    this(file, Path.of(""), now);
  }

  /** The account of {@code file} in auth directory {@code directory}. */
  public Account(CredentialFile file, Path directory, Instant now) {
    this.id = file.id();
    this.file = file;
    this.health = new Health(State.READY, "", now);
    locatedIn(directory);
  }

  /** The file name relative to the auth directory, e.g. {@code codex-a@b.com.json}. */
  public String id() {
    return id;
  }

  /** The provider type ({@code codex}, {@code claude}, {@code gemini-cli}). */
  public String provider() {
    return file.provider();
  }

  /** What logs call it: the email, label or file name. Never a token. */
  public String label() {
    return file.label();
  }

  /** Its stable {@link AuthIndex}, from its type and the file's absolute path. */
  public String authIndex() {
    return authIndex;
  }

  /** Its file now lives in {@code directory} (the auth directory moved on a reload). */
  void locatedIn(Path directory) {
    authIndex = AuthIndex.forFile(file.type(), directory.resolve(id));
  }

  /** The file as last read or written. */
  public CredentialFile file() {
    return file;
  }

  /**
   * The outbound proxy from the file's {@code proxy_url}; empty when it has none or it is not a
   * valid proxy URL (logged).
   */
  public Optional<ProxyUrl> proxyUrl() {
    return file.proxyUrl()
        .filter(text -> !text.isBlank())
        .flatMap(text -> {
          try {
            return Optional.of(ProxyUrl.parse(text));
          } catch (IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(Account.class)
                .warn("{}: proxy_url ignored: {}", id, e.getMessage());
            return Optional.empty();
          }
        });
  }

  /** Its file's {@code credential_group}; empty for none. */
  public String credentialGroup() {
    return file.credentialGroup().orElse("");
  }

  /** The access token to send now; empty when the file has none. */
  public String accessToken() {
    return file.accessToken().orElse("");
  }

  public Health health() {
    return health;
  }

  public boolean needsLogin() {
    return health.state() == State.NEEDS_LOGIN;
  }

  /** When this process last refreshed it, if it has. */
  public Optional<Instant> lastRefresh() {
    return Optional.ofNullable(lastRefresh);
  }

  /** No background refresh is tried before this time (back-off after a failure). */
  public Instant nextRefreshAttempt() {
    return nextRefreshAttempt;
  }

  /** Consecutive failed refreshes. */
  public int refreshFailures() {
    return refreshFailures;
  }

  /** Held while refreshing, so one refresh of an account runs at a time. */
  public ReentrantLock refreshLock() {
    return refreshLock;
  }

  /**
   * The file changed on disk (an edit, or a new login): its tokens take effect and a needs-login
   * state is cleared, since new tokens may work.
   */
  public void replacedOnDisk(CredentialFile changed, Instant now) {
    file = changed;
    refreshFailures = 0;
    nextRefreshAttempt = Instant.MIN;
    health = new Health(State.READY, "", now);
  }

  /**
   * A refresh succeeded and its result is on disk (or could not be saved: {@code note} says so).
   *
   * @param notBefore no background refresh before this time, for providers whose new token is still
   *     inside the lead window
   */
  public void refreshed(CredentialFile updated, Instant now, Instant notBefore, String note) {
    file = updated;
    lastRefresh = now;
    refreshFailures = 0;
    nextRefreshAttempt = notBefore;
    health = new Health(State.READY, note, now);
  }

  /** A refresh failed for a reason that may pass; no background refresh before {@code retryAt}. */
  public void refreshFailed(String message, Instant now, Instant retryAt) {
    refreshFailures++;
    nextRefreshAttempt = retryAt;
    health = new Health(State.READY, message, now);
  }

  /** The provider refused the refresh token for good. */
  public void needsLogin(String message, Instant now) {
    health = new Health(State.NEEDS_LOGIN, message, now);
  }

  @Override
  public String toString() {
    return "Account[" + id + ", " + health.state() + "]";
  }
}
