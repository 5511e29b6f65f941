package dev.cliproxy.provider.claude;

import dev.cliproxy.config.Config;
import java.net.URI;
import java.util.Set;

/**
 * Where the Claude upstream and its OAuth endpoints are: the built-in addresses, or the {@code
 * endpoints.claude} overrides from config (a company gateway, or a test fake).
 *
 * @param api the Messages API base, default {@code https://api.anthropic.com}
 * @param authorize the browser sign-in page, default {@code https://claude.ai/oauth/authorize}
 * @param token the token endpoint for the code exchange and refreshes
 */
public record ClaudeEndpoints(String api, String authorize, String token) {
  /** The provider type the endpoint overrides are filed under. */
  public static final String PROVIDER = "claude";

  /** The names {@code endpoints.claude} may replace. */
  public static final Set<String> NAMES = Set.of("api", "authorize", "token");

  public static final String DEFAULT_API = "https://api.anthropic.com";
  public static final String DEFAULT_AUTHORIZE = "https://claude.ai/oauth/authorize";
  public static final String DEFAULT_TOKEN = "https://console.anthropic.com/v1/oauth/token";

  public ClaudeEndpoints {
    api = trimSlash(api);
    authorize = trimSlash(authorize);
    token = trimSlash(token);
  }

  /** The endpoints with the config's overrides applied. */
  public static ClaudeEndpoints of(Config.Endpoints endpoints) {
    return new ClaudeEndpoints(
        endpoints.url(PROVIDER, "api", DEFAULT_API),
        endpoints.url(PROVIDER, "authorize", DEFAULT_AUTHORIZE),
        endpoints.url(PROVIDER, "token", DEFAULT_TOKEN));
  }

  /** The Messages endpoint under a base URL: {@code <base>/v1/messages?beta=true}. */
  public static URI messages(String base) {
    return URI.create(trimSlash(base) + "/v1/messages?beta=true");
  }

  /** The token-counting endpoint under a base URL. */
  public static URI countTokens(String base) {
    return URI.create(trimSlash(base) + "/v1/messages/count_tokens?beta=true");
  }

  private static String trimSlash(String url) {
    String out = url.trim();
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
