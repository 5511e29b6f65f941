package dev.cliproxy.provider.geminicli;

import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.google.GoogleOAuthClient;
import dev.cliproxy.provider.google.GoogleTokenEndpoint;
import dev.cliproxy.provider.google.GoogleTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/**
 * Refreshes Gemini CLI accounts five minutes before their hour-long access token expires, at the
 * file's {@code token.token_uri} (Google's unless {@code endpoints.gemini-cli.token} replaces it),
 * with the client id and secret the file names (Gemini CLI's when it names none). Google keeps the
 * refresh token; an {@code invalid_grant} means it was revoked and only a new login helps.
 */
public final class GeminiCliTokenRefresher implements TokenRefresher {
  private final GeminiCliEndpoints endpoints;
  private final Clock clock;

  public GeminiCliTokenRefresher(GeminiCliEndpoints endpoints, Clock clock) {
    this.endpoints = endpoints;
    this.clock = clock;
  }

  @Override
  public Duration leadTime() {
    return GeminiCliOAuth.REFRESH_LEAD;
  }

  @Override
  public CredentialFile refresh(CredentialFile current, HttpClient http)
      throws RefreshFailure, InterruptedException {
    String url = endpoints.tokenConfigured() ? endpoints.token() : GeminiAuthFile.tokenUri(current);
    GoogleTokens answer =
        new GoogleTokenEndpoint(URI.create(url), client(current), http)
            .refreshAccount(current, GeminiCliLoginCommand.FLAG);
    return GeminiAuthFile.refreshed(current, answer, clock.instant(), clock.getZone());
  }

  /** The OAuth client the file was issued to, Gemini CLI's when it does not say. */
  private static GoogleOAuthClient client(CredentialFile file) {
    GoogleOAuthClient builtIn = GeminiCliOAuth.CLIENT;
    var token = file.get("token");
    String id = token.map(t -> t.path("client_id").asText("")).orElse("");
    String secret = token.map(t -> t.path("client_secret").asText("")).orElse("");
    return id.isEmpty() || secret.isEmpty()
        ? builtIn
        : new GoogleOAuthClient(id, secret, builtIn.scopes());
  }
}
