package dev.cliproxy.provider.antigravity;

import dev.cliproxy.provider.google.CodeAssistClient;
import dev.cliproxy.provider.google.GoogleOAuthClient;
import java.time.Duration;
import java.util.List;

/**
 * The constants of Antigravity's Google OAuth client, as Google registered it: an installed app
 * whose secret is public by design, redirecting to {@code http://localhost:51121/oauth-callback};
 * and how Antigravity presents itself to Code Assist.
 */
final class AntigravityOAuth {
  static final GoogleOAuthClient CLIENT =
      new GoogleOAuthClient(
          "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com",
          "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",
          List.of(
              "https://www.googleapis.com/auth/cloud-platform",
              "https://www.googleapis.com/auth/userinfo.email",
              "https://www.googleapis.com/auth/userinfo.profile",
              "https://www.googleapis.com/auth/cclog",
              "https://www.googleapis.com/auth/experimentsandconfigs"));
  static final int CALLBACK_PORT = 51121;
  static final String CALLBACK_PATH = "/oauth-callback";
  static final String REDIRECT_URI = "http://localhost:51121/oauth-callback";
  static final Duration CALLBACK_TIMEOUT = Duration.ofMinutes(5);

  /** The {@code User-Agent} Antigravity sends Code Assist. */
  static final String USER_AGENT = "antigravity/1.11.5 windows/amd64";

  /** Antigravity to Code Assist: {@code ideType ANTIGRAVITY}, its own user agent only. */
  static final CodeAssistClient CODE_ASSIST =
      new CodeAssistClient("ANTIGRAVITY", USER_AGENT, "", "");

  /** Refresh this long before the access token (one hour) expires. */
  static final Duration REFRESH_LEAD = Duration.ofMinutes(5);

  /** Onboarding when {@code loadCodeAssist} names no project: a poll every 2 s, at most 5. */
  static final Duration ONBOARD_INTERVAL = Duration.ofSeconds(2);

  static final int ONBOARD_MAX_POLLS = 5;

  private AntigravityOAuth() {}
}
