package dev.cliproxy.provider.antigravity;

import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.google.GoogleTokenEndpoint;
import dev.cliproxy.provider.google.GoogleTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/**
 * Refreshes Antigravity accounts five minutes before their hour-long access token expires, at
 * Google's token endpoint (or {@code endpoints.antigravity.token}) with Antigravity's client. An
 * {@code invalid_grant} means the refresh token was revoked and only a new login helps.
 */
public final class AntigravityTokenRefresher implements TokenRefresher {
  private final AntigravityEndpoints endpoints;
  private final Clock clock;

  public AntigravityTokenRefresher(AntigravityEndpoints endpoints, Clock clock) {
    this.endpoints = endpoints;
    this.clock = clock;
  }

  @Override
  public Duration leadTime() {
    return AntigravityOAuth.REFRESH_LEAD;
  }

  @Override
  public CredentialFile refresh(CredentialFile current, HttpClient http)
      throws RefreshFailure, InterruptedException {
    GoogleTokens answer =
        new GoogleTokenEndpoint(URI.create(endpoints.token()), AntigravityOAuth.CLIENT, http)
            .refreshAccount(current, AntigravityLoginCommand.FLAG);
    return AntigravityAuthFile.refreshed(current, answer, clock.instant(), clock.getZone());
  }
}
