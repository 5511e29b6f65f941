package dev.cliproxy.provider.codex;

import dev.cliproxy.provider.ClientHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headers of one Codex backend request: the bearer, the ChatGPT account (OAuth only), the
 * session, and the identity of a Codex client. A real Codex client's {@code Originator} and {@code
 * User-Agent} are kept; other clients (Claude Code, SDKs) are sent as the Codex CLI, since the
 * backend serves Codex clients. Configured headers come last and win.
 */
final class CodexHeaders {
  static final String DEFAULT_ORIGINATOR = "codex_cli_rs";
  static final String DEFAULT_USER_AGENT =
      "codex_cli_rs/0.50.0 (Mac OS 26.0.1; arm64) Apple_Terminal/464";

  private CodexHeaders() {}

  /**
   * @param token the bearer: an access token or an API key
   * @param accountId the ChatGPT account id, present for OAuth accounts only
   * @param sessionId the conversation id
   * @param client the client's headers
   * @param configured the key's {@code headers} from config
   */
  static List<Map.Entry<String, String>> of(
      String token,
      Optional<String> accountId,
      String sessionId,
      ClientHeaders client,
      Map<String, String> configured) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    h.add(Map.entry("Content-Type", "application/json"));
    h.add(Map.entry("Accept", "text/event-stream"));
    h.add(Map.entry("Authorization", "Bearer " + token));
    Optional<String> clientOriginator = client.first("originator");
    Optional<String> clientAgent =
        client.first("user-agent").filter(ua -> ua.toLowerCase(Locale.ROOT).startsWith("codex"));
    h.add(Map.entry("Originator", clientOriginator.orElse(DEFAULT_ORIGINATOR)));
    h.add(Map.entry("User-Agent", clientAgent.orElse(DEFAULT_USER_AGENT)));
    h.add(Map.entry("Session_id", sessionId));
    accountId.ifPresent(id -> h.add(Map.entry("Chatgpt-Account-Id", id)));
    h.addAll(configured.entrySet());
    return h;
  }
}
