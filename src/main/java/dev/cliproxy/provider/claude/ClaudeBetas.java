package dev.cliproxy.provider.claude;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code anthropic-beta} header sent upstream: every flag the client asked for (header values
 * and a body {@code betas} field), in order and once each, plus what the account needs. A flag is
 * only ever removed when it cannot work for the account.
 */
final class ClaudeBetas {
  /** Lets an OAuth access token call the Messages API. */
  static final String OAUTH = "oauth-2025-04-20";

  /** The retired 1M-context flag; OAuth accounts are refused when they send it. */
  static final String OBSOLETE_CONTEXT_1M = "context-1m-2025-08-07";

  /** What Claude Code sends when a client sends no flags of its own (OAuth accounts only). */
  static final List<String> OAUTH_DEFAULTS =
      List.of(
          "claude-code-20250219",
          OAUTH,
          "interleaved-thinking-2025-05-14",
          "fine-grained-tool-streaming-2025-05-14");

  private ClaudeBetas() {}

  /**
   * The header value, or empty for no header.
   *
   * @param clientHeaderValues the client's {@code anthropic-beta} values, each a comma list
   * @param bodyBetas flags from the body's {@code betas} field
   * @param oauth whether the account is an OAuth (subscription) account
   */
  static String header(List<String> clientHeaderValues, List<String> bodyBetas, boolean oauth) {
    Set<String> flags = new LinkedHashSet<>();
    for (String value : clientHeaderValues) {
      addAll(flags, value);
    }
    bodyBetas.forEach(b -> addAll(flags, b));
    if (oauth) {
      if (flags.isEmpty()) {
        flags.addAll(OAUTH_DEFAULTS);
      }
      flags.add(OAUTH);
      flags.remove(OBSOLETE_CONTEXT_1M);
    }
    return String.join(",", flags);
  }

  private static void addAll(Set<String> flags, String commaList) {
    for (String flag : commaList.split(",")) {
      String trimmed = flag.trim();
      if (!trimmed.isEmpty()) {
        flags.add(trimmed);
      }
    }
  }
}
