package dev.cliproxy.auth.refresh;

/**
 * Hears how each token refresh the {@link RefreshEngine} made came out, for metrics. Called on the
 * refreshing thread after the account was updated: it must be quick, and an exception it throws is
 * logged and never changes the refresh.
 */
@FunctionalInterface
public interface RefreshListener {

  /** How a refresh came out. */
  enum Result {
    /** The account holds a new access token. */
    REFRESHED,
    /** The refresh failed for now; it is tried again after a back-off. */
    FAILED,
    /** The provider refused the refresh token for good; the account needs a new login. */
    NEEDS_LOGIN
  }

  /**
   * One refresh ended.
   *
   * @param provider the account's provider type, e.g. {@code codex}
   * @param result how it came out
   */
  void refreshed(String provider, Result result);
}
