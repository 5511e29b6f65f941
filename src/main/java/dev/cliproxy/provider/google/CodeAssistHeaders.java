package dev.cliproxy.provider.google;

import java.util.List;
import java.util.Map;

/**
 * The headers Google's Code Assist API ({@code cloudcode-pa}) is sent, as Gemini CLI's Node client
 * sends them: its {@code User-Agent}, {@code X-Goog-Api-Client} and {@code Client-Metadata}.
 */
public final class CodeAssistHeaders {
  public static final String USER_AGENT = "google-api-nodejs-client/9.15.1";
  public static final String API_CLIENT = "gl-node/22.17.0";
  public static final String CLIENT_METADATA =
      "ideType=IDE_UNSPECIFIED,platform=PLATFORM_UNSPECIFIED,pluginType=GEMINI";

  private CodeAssistHeaders() {}

  /** Bearer, the client headers, and {@code Accept} as given. */
  public static List<Map.Entry<String, String>> of(String accessToken, String accept) {
    return CodeAssistClient.GEMINI_CLI.headers(accessToken, accept);
  }
}
