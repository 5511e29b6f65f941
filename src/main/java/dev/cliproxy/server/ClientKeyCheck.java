package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/** Admits a request only with one of the snapshot's client keys; refuses it with a 401 else. */
final class ClientKeyCheck {
  private volatile ClientKeys keys;
  private volatile RuntimeSnapshot keysFor;

  /**
   * Lets the request through or throws its 401.
   *
   * @param headers the request's headers
   * @param queryKey the {@code ?key=} query parameter, or null
   * @param snapshot the snapshot the request is served from
   */
  void admit(HttpFields headers, String queryKey, RuntimeSnapshot snapshot) {
    ClientKeys current = keys;
    if (keysFor != snapshot) {
      current = new ClientKeys(snapshot.config().apiKeys());
      keys = current;
      keysFor = snapshot;
    }
    switch (current.check(headers, queryKey)) {
      case ALLOWED -> {}
      case MISSING ->
          throw new ProxyError(
                  401,
                  ProxyError.Kind.AUTHENTICATION,
                  "missing_api_key",
                  "Missing API key. Send one of the proxy's api-keys as 'Authorization: Bearer"
                      + " <key>' (or x-api-key, x-goog-api-key, ?key=).",
                  Optional.empty())
              .toException();
      case INVALID ->
          throw new ProxyError(
                  401,
                  ProxyError.Kind.AUTHENTICATION,
                  "invalid_api_key",
                  "Invalid API key. Use one of the keys listed under api-keys in the proxy's"
                      + " config.yaml.",
                  Optional.empty())
              .toException();
    }
  }
}
