package dev.cliproxy.provider.antigravity;

import dev.cliproxy.config.Config;
import dev.cliproxy.provider.google.GoogleTokenEndpoint;
import java.util.Set;

/**
 * Where Antigravity's Google addresses are: the built-in ones, or the {@code endpoints.antigravity}
 * overrides from config (a company gateway, or a test fake).
 *
 * @param api the model calls, default the daily sandbox {@code
 *     https://daily-cloudcode-pa.sandbox.googleapis.com} Antigravity tries first
 * @param setup the login's {@code loadCodeAssist} and {@code onboardUser}, default {@code
 *     https://cloudcode-pa.googleapis.com}
 * @param authorize the consent page, default {@code https://accounts.google.com/o/oauth2/v2/auth}
 * @param token Google's token endpoint
 * @param userinfo default {@code https://www.googleapis.com/oauth2/v1/userinfo}
 */
public record AntigravityEndpoints(
    String api, String setup, String authorize, String token, String userinfo) {
  /** The provider name the overrides are filed under. */
  public static final String PROVIDER = "antigravity";

  /** The names {@code endpoints.antigravity} may replace. */
  public static final Set<String> NAMES = Set.of("api", "setup", "authorize", "token", "userinfo");

  public static final String DEFAULT_API = "https://daily-cloudcode-pa.sandbox.googleapis.com";
  public static final String DEFAULT_SETUP = "https://cloudcode-pa.googleapis.com";
  public static final String DEFAULT_AUTHORIZE = "https://accounts.google.com/o/oauth2/v2/auth";
  public static final String DEFAULT_USERINFO = "https://www.googleapis.com/oauth2/v1/userinfo";

  public AntigravityEndpoints {
    api = withoutTrailingSlash(api);
    setup = withoutTrailingSlash(setup);
    authorize = withoutTrailingSlash(authorize);
    token = withoutTrailingSlash(token);
    userinfo = withoutTrailingSlash(userinfo);
  }

  /** The endpoints with the config's overrides applied. */
  public static AntigravityEndpoints of(Config.Endpoints endpoints) {
    return new AntigravityEndpoints(
        endpoints.url(PROVIDER, "api", DEFAULT_API),
        endpoints.url(PROVIDER, "setup", DEFAULT_SETUP),
        endpoints.url(PROVIDER, "authorize", DEFAULT_AUTHORIZE),
        endpoints.url(PROVIDER, "token", GoogleTokenEndpoint.DEFAULT_URL),
        endpoints.url(PROVIDER, "userinfo", DEFAULT_USERINFO));
  }

  /** An address as given, without the slashes it may end with. */
  static String withoutTrailingSlash(String url) {
    return url.trim().replaceAll("/+$", "");
  }
}
