package dev.cliproxy.auth.refresh;

import dev.cliproxy.auth.Account;

/** What the gateway asks when an upstream answers 401 to an account's access token. */
@FunctionalInterface
public interface TokenRecovery {

  /** For setups without OAuth accounts: nothing can be recovered. */
  TokenRecovery NONE = (account, staleToken) -> false;

  /**
   * Makes the account's token usable again if it can: true when the account now holds a token other
   * than {@code staleToken} (refreshed now, or by a concurrent request, or edited on disk), so the
   * request may be retried once.
   */
  boolean recover(Account account, String staleToken) throws InterruptedException;
}
