package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.auth.store.CredentialFile;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.client.HttpClient;

/**
 * Refreshes a ChatGPT account's tokens at the OpenAI token endpoint. OpenAI rotates refresh tokens:
 * the new one replaces the old in the returned file, and the old one is dead from then on, so a
 * refused token ({@code invalid_grant}, {@code refresh_token_reused}, …) is reported as permanent
 * and never retried here.
 */
public final class CodexTokenRefresher implements TokenRefresher {
  /** CLIProxyAPI refreshes Codex accounts 5 days before their access token expires. */
  public static final Duration LEAD_TIME = Duration.ofDays(5);

  /** Error codes that mean only a new login helps. */
  private static final Set<String> REFUSED =
      Set.of(
          "invalid_grant",
          "refresh_token_reused",
          "refresh_token_expired",
          "refresh_token_invalidated",
          "token_revoked");

  private final CodexEndpoints endpoints;
  private final Clock clock;

  public CodexTokenRefresher(CodexEndpoints endpoints, Clock clock) {
    this.endpoints = endpoints;
    this.clock = clock;
  }

  @Override
  public Duration leadTime() {
    return LEAD_TIME;
  }

  @Override
  public CredentialFile refresh(CredentialFile current, HttpClient http)
      throws RefreshFailure, InterruptedException {
    String refreshToken =
        current
            .refreshToken()
            .orElseThrow(() ->
                RefreshFailure.permanent(
                    current.id()
                        + " has no refresh_token; log in again with "
                        + CodexLoginCommand.FLAG));
    CodexTokens tokens;
    try {
      tokens = CodexAuthApi.create(endpoints, http).refresh(refreshToken);
    } catch (TokenEndpointException e) {
      String message = current.label() + ": " + e.getMessage();
      if (REFUSED.contains(e.error()) || e.status() == 401) {
        throw RefreshFailure.permanent(message + "; log in again with " + CodexLoginCommand.FLAG);
      }
      throw RefreshFailure.transientFailure(message, e.unreachable() ? e.getCause() : null);
    }
    return CodexAccountFile.afterRefresh(current, tokens, clock.instant(), clock.getZone());
  }
}
