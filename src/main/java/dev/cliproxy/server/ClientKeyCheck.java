package dev.cliproxy.server;

import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The client-key check an endpoint opts into: admits a request only with one of its snapshot's
 * client keys, from {@code Authorization: Bearer}, {@code x-api-key}, {@code x-goog-api-key} or
 * {@code ?key=}, and refuses it with a 401 in the exchange's dialect else. The keys come from the
 * snapshot the request is served from and nowhere else, so a reload can never pair a request with
 * another snapshot's keys.
 */
public final class ClientKeyCheck {
  private static final ClientKeyCheck CHECK = new ClientKeyCheck();

  ClientKeyCheck() {}

  /** {@code endpoint}, run only for clients that present one of the proxy's client keys. */
  public static Endpoint required(Endpoint endpoint) {
    return exchange -> {
      CHECK
          .admit(
              exchange.request().getHeaders(), exchange.queryParameter("key"), exchange.snapshot())
          .ifPresent(exchange::admittedWith);
      endpoint.serve(exchange);
    };
  }

  /**
   * Lets the request through, with the fingerprint of the key it presented ({@link
   * ClientKeys.Admission#fingerprint}; empty when the config asks for no key), or throws its 401.
   *
   * @param headers the request's headers
   * @param queryKey the {@code ?key=} query parameter, or null
   * @param snapshot the snapshot the request is served from
   */
  Optional<String> admit(HttpFields headers, String queryKey, RuntimeSnapshot snapshot) {
    ClientKeys keys = snapshot.clientKeys();
    if (!keys.required()) {
      return Optional.empty();
    }
    ClientKeys.Admission admission = keys.admit(presented(headers, queryKey));
    return switch (admission.verdict()) {
      case ALLOWED -> admission.fingerprint();
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
    };
  }

  /** The key a key header carries: its value without a {@code Bearer} scheme, trimmed. */
  public static String keyIn(String headerValue) {
    String value = headerValue.strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
  }

  private static String presented(HttpFields headers, String queryKey) {
    String authorization = headers.get(HttpHeader.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      return keyIn(authorization);
    }
    String apiKey = headers.get("x-api-key");
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.strip();
    }
    String googKey = headers.get("x-goog-api-key");
    if (googKey != null && !googKey.isBlank()) {
      return googKey.strip();
    }
    return queryKey;
  }
}
