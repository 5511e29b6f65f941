package dev.cliproxy.auth.refresh;

import dev.cliproxy.auth.store.CredentialFile;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/**
 * How one provider type refreshes an account: each OAuth provider (Codex, Claude, …) supplies one,
 * and the {@link RefreshEngine} decides when to call it.
 */
public interface TokenRefresher {

  /** How long before the access token expires to refresh it (Codex 5 days, Claude 4 hours). */
  Duration leadTime();

  /**
   * Calls the provider's token endpoint with the file's refresh token and returns the file with the
   * new tokens, {@code expired} and {@code last_refresh} set. Every other field is kept, and a
   * value the answer lacks (email, account id, a refresh token that did not rotate) keeps its old
   * value.
   *
   * @param http a started client that goes through the account's outbound proxy (the file's {@code
   *     proxy_url}, else the config's {@code proxy-url})
   * @throws RefreshFailure when the provider refuses or cannot be reached; {@link
   *     RefreshFailure#permanent()} when only a new login helps ({@code invalid_grant})
   */
  CredentialFile refresh(CredentialFile current, HttpClient http)
      throws RefreshFailure, InterruptedException;
}
