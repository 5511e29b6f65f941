package dev.cliproxy.provider.codex;

import dev.cliproxy.config.Config;
import java.net.URI;
import java.util.Set;

/**
 * Where Codex lives: the Responses backend ({@code endpoints.codex.api}, by default the ChatGPT
 * backend) and the OpenAI auth server ({@code endpoints.codex.auth}) whose authorize, token and
 * device-code URLs are fixed paths under it. Tests and company gateways override both in config.
 *
 * @param api the backend base URL, without a trailing slash; requests go to {@code <api>/responses}
 * @param auth the auth server base URL, without a trailing slash
 */
public record CodexEndpoints(String api, String auth) {
  /** The names {@code endpoints.codex} may replace. */
  public static final Set<String> NAMES = Set.of("api", "auth");

  public static final String DEFAULT_API = "https://chatgpt.com/backend-api/codex";
  public static final String DEFAULT_AUTH = "https://auth.openai.com";

  /** The built-in addresses. */
  public static final CodexEndpoints DEFAULTS = new CodexEndpoints(DEFAULT_API, DEFAULT_AUTH);

  public CodexEndpoints {
    api = trimSlash(api);
    auth = trimSlash(auth);
  }

  /** The endpoints after the config's {@code endpoints.codex} overrides. */
  public static CodexEndpoints from(Config.Endpoints endpoints) {
    return new CodexEndpoints(
        endpoints.url(CodexKind.TYPE, "api", DEFAULT_API),
        endpoints.url(CodexKind.TYPE, "auth", DEFAULT_AUTH));
  }

  /** {@code <base>/responses}, for the configured backend or a key's own {@code base-url}. */
  public static URI responses(String base) {
    return URI.create(trimSlash(base) + "/responses");
  }

  /** The backend's Responses endpoint. */
  public URI responses() {
    return responses(api);
  }

  /** Where the browser signs in. */
  public URI authorize() {
    return URI.create(auth + "/oauth/authorize");
  }

  /** Code exchange and refresh. */
  public URI token() {
    return URI.create(auth + "/oauth/token");
  }

  /** Device login, step 1: ask for a user code. */
  public URI deviceUserCode() {
    return URI.create(auth + "/api/accounts/deviceauth/usercode");
  }

  /** Device login, step 2: poll until the user entered the code. */
  public URI deviceToken() {
    return URI.create(auth + "/api/accounts/deviceauth/token");
  }

  /** The page where the user enters the device code. */
  public URI deviceVerification() {
    return URI.create(auth + "/codex/device");
  }

  /** The redirect URI the device flow's authorization code is bound to. */
  public String deviceRedirectUri() {
    return auth + "/deviceauth/callback";
  }

  private static String trimSlash(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
