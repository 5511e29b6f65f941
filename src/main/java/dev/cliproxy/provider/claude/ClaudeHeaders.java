package dev.cliproxy.provider.claude;

import dev.cliproxy.provider.AcceptEncoding;
import dev.cliproxy.provider.ClientHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of one call to the Messages API: how the credential authenticates, the API version
 * and beta flags, who the client is, and the config's extra headers last.
 */
final class ClaudeHeaders {
  /** How a credential is presented. */
  enum Auth {
    /** {@code Authorization: Bearer} (OAuth tokens, and keys for other base URLs). */
    BEARER,
    /** {@code x-api-key} (API keys to Anthropic's own API). */
    X_API_KEY
  }

  static final String DEFAULT_VERSION = "2023-06-01";

  /** Who subscription calls from other clients say they are: Claude Code. */
  static final String CLAUDE_CODE_USER_AGENT = "claude-cli/2.1.330 (external, cli)";

  /** Headers by which a Claude client says who it is; passed on from clients that speak Claude. */
  private static final List<String> IDENTITY =
      List.of(
          "user-agent",
          "x-app",
          "anthropic-dangerous-direct-browser-access",
          "x-claude-code-session-id");

  private static final String STAINLESS = "x-stainless-";

  /**
   * Everything the headers depend on.
   *
   * @param token the API key or access token
   * @param auth how to present it
   * @param oauth whether it is a subscription account, which must look like Claude Code
   * @param stream whether the answer is an event stream
   * @param claudeClient whether the client itself speaks Claude (its identity headers pass on)
   * @param client the client's headers
   * @param bodyBetas beta flags taken out of the body
   * @param extra the config's {@code headers} for the key, applied last
   */
  record Input(
      String token,
      Auth auth,
      boolean oauth,
      boolean stream,
      boolean claudeClient,
      ClientHeaders client,
      List<String> bodyBetas,
      Map<String, String> extra) {}

  private ClaudeHeaders() {}

  /** The headers in order; later entries replace earlier ones of the same name. */
  static List<Map.Entry<String, String>> of(Input in) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    out.add(Map.entry("Content-Type", "application/json"));
    boolean claudeCodeAgent = false;
    if (in.claudeClient()) {
      for (Map.Entry<String, List<String>> header : in.client().byName().entrySet()) {
        String name = header.getKey();
        if ((IDENTITY.contains(name) || name.startsWith(STAINLESS))
            && !header.getValue().isEmpty()) {
          out.add(Map.entry(name, header.getValue().get(0)));
          claudeCodeAgent |=
              name.equals("user-agent") && header.getValue().get(0).startsWith("claude-cli/");
        }
      }
    }
    if (in.oauth()) {
      if (!claudeCodeAgent) {
        out.add(Map.entry("User-Agent", CLAUDE_CODE_USER_AGENT));
      }
      ensure(out, "X-App", "cli");
      ensure(out, "Anthropic-Dangerous-Direct-Browser-Access", "true");
    }
    if (!in.token().isEmpty()) {
      out.add(
          in.auth() == Auth.X_API_KEY
              ? Map.entry("x-api-key", in.token())
              : Map.entry("Authorization", "Bearer " + in.token()));
    }
    out.add(
        Map.entry(
            "anthropic-version", in.client().first("anthropic-version").orElse(DEFAULT_VERSION)));
    String betas =
        ClaudeBetas.header(in.client().all("anthropic-beta"), in.bodyBetas(), in.oauth());
    if (!betas.isEmpty()) {
      out.add(Map.entry("anthropic-beta", betas));
    }
    out.add(Map.entry("Accept", in.stream() ? "text/event-stream" : "application/json"));
    out.add(Map.entry("Accept-Encoding", AcceptEncoding.forCall(in.stream())));
    out.addAll(in.extra().entrySet());
    return out;
  }

  private static void ensure(List<Map.Entry<String, String>> out, String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (out.stream().noneMatch(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lower))) {
      out.add(Map.entry(name, value));
    }
  }
}
