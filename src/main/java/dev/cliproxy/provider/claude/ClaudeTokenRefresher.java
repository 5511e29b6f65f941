package dev.cliproxy.provider.claude;

import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.auth.store.CredentialFile;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/**
 * Refreshes Claude accounts four hours before their access token expires: one JSON call to the
 * token endpoint, whose answer carries a new refresh token (Anthropic rotates them).
 */
public final class ClaudeTokenRefresher implements TokenRefresher {
  private final URI tokenUrl;
  private final Clock clock;

  public ClaudeTokenRefresher(ClaudeEndpoints endpoints, Clock clock) {
    this.tokenUrl = URI.create(endpoints.token());
    this.clock = clock;
  }

  @Override
  public Duration leadTime() {
    return ClaudeOAuth.REFRESH_LEAD;
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
                        + ClaudeLoginCommand.FLAG));
    ClaudeTokens answer;
    try {
      answer = new ClaudeTokenEndpoint(tokenUrl, http).refresh(refreshToken);
    } catch (TokenCallFailure e) {
      if (e.grantRefused()) {
        throw RefreshFailure.permanent(
            e.getMessage() + "; log in again with " + ClaudeLoginCommand.FLAG);
      }
      throw RefreshFailure.transientFailure(e.getMessage(), e.getCause());
    }
    return ClaudeAuthFile.refreshed(current, answer, clock.instant(), clock.getZone());
  }
}
