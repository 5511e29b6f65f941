package dev.cliproxy.provider.geminicli;

import dev.cliproxy.provider.google.GoogleOAuthClient;
import java.time.Duration;
import java.util.List;

/**
 * The constants of Gemini CLI's Google OAuth client, as Google registered it: an installed app
 * whose secret is public by design, redirecting to {@code http://localhost:8085/oauth2callback}.
 */
final class GeminiCliOAuth {
  static final GoogleOAuthClient CLIENT =
      new GoogleOAuthClient(
          "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com",
          "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",
          List.of(
              "https://www.googleapis.com/auth/cloud-platform",
              "https://www.googleapis.com/auth/userinfo.email",
              "https://www.googleapis.com/auth/userinfo.profile"));
  static final int CALLBACK_PORT = 8085;
  static final String CALLBACK_PATH = "/oauth2callback";
  static final String REDIRECT_URI = "http://localhost:8085/oauth2callback";
  static final Duration CALLBACK_TIMEOUT = Duration.ofMinutes(5);

  /** Refresh this long before the access token (one hour) expires. */
  static final Duration REFRESH_LEAD = Duration.ofMinutes(5);

  /** Code Assist onboarding: a poll every 5 s, at most 5 minutes. */
  static final Duration ONBOARD_INTERVAL = Duration.ofSeconds(5);

  static final int ONBOARD_MAX_POLLS = 60;

  private GeminiCliOAuth() {}
}
