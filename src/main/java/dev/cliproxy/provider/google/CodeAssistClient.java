package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client Code Assist ({@code cloudcode-pa}) is told it talks to: the {@code metadata} of {@code
 * loadCodeAssist} and {@code onboardUser}, and the headers of every call. Gemini CLI sends its Node
 * client's headers; Antigravity only its own {@code User-Agent}.
 *
 * @param ideType {@code metadata.ideType}: {@code IDE_UNSPECIFIED}, {@code ANTIGRAVITY}
 * @param userAgent the {@code User-Agent} header
 * @param apiClient the {@code X-Goog-Api-Client} header; empty sends none
 * @param clientMetadata the {@code Client-Metadata} header; empty sends none
 */
public record CodeAssistClient(
    String ideType, String userAgent, String apiClient, String clientMetadata) {
  /** Gemini CLI, as its Node client calls Code Assist. */
  public static final CodeAssistClient GEMINI_CLI =
      new CodeAssistClient(
          "IDE_UNSPECIFIED",
          CodeAssistHeaders.USER_AGENT,
          CodeAssistHeaders.API_CLIENT,
          CodeAssistHeaders.CLIENT_METADATA);

  /** The {@code metadata} object of the onboarding calls. */
  ObjectNode metadata() {
    ObjectNode metadata = GoogleApiCall.JSON.createObjectNode();
    metadata.put("ideType", ideType);
    metadata.put("platform", "PLATFORM_UNSPECIFIED");
    metadata.put("pluginType", "GEMINI");
    return metadata;
  }

  /** Bearer, this client's headers, and {@code Accept} as given. */
  public List<Map.Entry<String, String>> headers(String accessToken, String accept) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Authorization", "Bearer " + accessToken));
    headers.add(Map.entry("User-Agent", userAgent));
    if (!apiClient.isEmpty()) {
      headers.add(Map.entry("X-Goog-Api-Client", apiClient));
    }
    if (!clientMetadata.isEmpty()) {
      headers.add(Map.entry("Client-Metadata", clientMetadata));
    }
    headers.add(Map.entry("Accept", accept));
    return List.copyOf(headers);
  }
}
