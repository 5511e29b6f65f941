package dev.cliproxy.provider.geminicli;

import dev.cliproxy.config.Config;
import dev.cliproxy.provider.google.GoogleCloudProjects;
import dev.cliproxy.provider.google.GoogleTokenEndpoint;
import java.util.Set;

/**
 * Where Gemini CLI's Google addresses are: the built-in ones, or the {@code endpoints.gemini-cli}
 * overrides from config (a company gateway, or a test fake).
 *
 * @param api Code Assist, default {@code https://cloudcode-pa.googleapis.com}
 * @param authorize the consent page, default {@code https://accounts.google.com/o/oauth2/auth}
 * @param token the token endpoint; when configured it replaces a file's {@code token_uri} too
 * @param tokenConfigured whether {@code token} came from the config
 * @param userinfo default {@code https://www.googleapis.com/oauth2/v1/userinfo}
 * @param projects Cloud Resource Manager, default {@code
 *     https://cloudresourcemanager.googleapis.com}
 * @param serviceUsage default {@code https://serviceusage.googleapis.com}
 */
public record GeminiCliEndpoints(
    String api,
    String authorize,
    String token,
    boolean tokenConfigured,
    String userinfo,
    String projects,
    String serviceUsage) {
  /** The provider name the overrides are filed under. */
  public static final String PROVIDER = "gemini-cli";

  /** The names {@code endpoints.gemini-cli} may replace. */
  public static final Set<String> NAMES =
      Set.of("api", "authorize", "token", "userinfo", "projects", "serviceusage");

  public static final String DEFAULT_API = "https://cloudcode-pa.googleapis.com";
  public static final String DEFAULT_AUTHORIZE = "https://accounts.google.com/o/oauth2/auth";
  public static final String DEFAULT_USERINFO = "https://www.googleapis.com/oauth2/v1/userinfo";
  public static final String DEFAULT_PROJECTS = "https://cloudresourcemanager.googleapis.com";
  public static final String DEFAULT_SERVICE_USAGE = "https://serviceusage.googleapis.com";

  public GeminiCliEndpoints {
    api = trimSlash(api);
    authorize = trimSlash(authorize);
    token = trimSlash(token);
    userinfo = trimSlash(userinfo);
    projects = trimSlash(projects);
    serviceUsage = trimSlash(serviceUsage);
  }

  /** The endpoints with the config's overrides applied. */
  public static GeminiCliEndpoints of(Config.Endpoints endpoints) {
    String token = endpoints.url(PROVIDER, "token", "");
    return new GeminiCliEndpoints(
        endpoints.url(PROVIDER, "api", DEFAULT_API),
        endpoints.url(PROVIDER, "authorize", DEFAULT_AUTHORIZE),
        token.isEmpty() ? GoogleTokenEndpoint.DEFAULT_URL : token,
        !token.isEmpty(),
        endpoints.url(PROVIDER, "userinfo", DEFAULT_USERINFO),
        endpoints.url(PROVIDER, "projects", DEFAULT_PROJECTS),
        endpoints.url(PROVIDER, "serviceusage", DEFAULT_SERVICE_USAGE));
  }

  /** The Google Cloud calls of a login, at these addresses. */
  GoogleCloudProjects cloud() {
    return new GoogleCloudProjects(userinfo, projects, serviceUsage);
  }

  static String trimSlash(String url) {
    String out = url.trim();
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
