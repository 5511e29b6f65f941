package dev.cliproxy.provider.google;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Google OAuth "installed app" client (Gemini CLI's, Antigravity's): its id, its secret (public
 * by design for installed apps, yet never logged) and the scopes it asks for.
 */
public record GoogleOAuthClient(String clientId, String clientSecret, List<String> scopes) {
  public GoogleOAuthClient {
    scopes = List.copyOf(scopes);
  }

  /**
   * The consent page address: offline access (a refresh token) and the consent prompt every time,
   * so Google sends a refresh token even to an account that approved the app before.
   */
  public URI authorizeUrl(String authorizeEndpoint, String redirectUri, String state) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("access_type", "offline");
    query.put("client_id", clientId);
    query.put("prompt", "consent");
    query.put("redirect_uri", redirectUri);
    query.put("response_type", "code");
    query.put("scope", String.join(" ", scopes));
    query.put("state", state);
    return URI.create(
        authorizeEndpoint + (authorizeEndpoint.contains("?") ? "&" : "?") + form(query));
  }

  /** A form body or query string, each value URL-encoded. */
  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public String toString() {
    return "GoogleOAuthClient[" + clientId + "]";
  }
}
