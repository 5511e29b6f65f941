package dev.cliproxy.provider.claude;

import java.time.Duration;

/**
 * The constants of Claude Code's OAuth client, as Anthropic registered them: they must be sent
 * exactly so, or the sign-in page and the token endpoint refuse the login.
 */
final class ClaudeOAuth {
  static final String CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
  static final String SCOPES = "org:create_api_key user:profile user:inference";
  static final int CALLBACK_PORT = 54545;
  static final String CALLBACK_PATH = "/callback";
  static final String REDIRECT_URI = "http://localhost:54545/callback";
  static final Duration CALLBACK_TIMEOUT = Duration.ofMinutes(5);

  /** Refresh this long before the access token expires. */
  static final Duration REFRESH_LEAD = Duration.ofHours(4);

  /** How long one call to the token endpoint may take. */
  static final Duration TOKEN_CALL_TIMEOUT = Duration.ofSeconds(30);

  private ClaudeOAuth() {}
}
