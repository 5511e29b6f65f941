package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI-style rate-limit windows in an answer's headers, as OpenAI and many OpenAI-compatible
 * hosts send them: {@code x-ratelimit-reset-<window>} ({@code "1s"}, {@code "6m0s"}, {@code
 * "1m30s"}; see {@link ResetTime}) with {@code x-ratelimit-remaining-<window>}.
 *
 * <p>A window counts when its remaining count is used up ({@code 0}) or missing: a window with room
 * left is not why the request was refused, so its reset is ignored.
 */
public final class RateLimitHeaders {
  private static final String RESET = "x-ratelimit-reset-";
  private static final String REMAINING = "x-ratelimit-remaining-";

  private RateLimitHeaders() {}

  /** When each used-up window resets. */
  public static List<Instant> usedUpResets(Refusal refusal) {
    UpstreamHeaders headers = refusal.headers();
    List<Instant> resets = new ArrayList<>();
    for (Map.Entry<String, String> field : headers.lowercase()) {
      String name = field.getKey();
      if (name.startsWith(RESET)) {
        String remaining = headers.get(REMAINING + name.substring(RESET.length()));
        if (remaining == null || noneRemaining(remaining)) {
          ResetTime.parse(field.getValue(), refusal.now()).ifPresent(resets::add);
        }
      }
    }
    return resets;
  }

  /**
   * Whether a window's remaining count says it is used up: zero or less, or unreadable (an upstream
   * that refused and wrote nonsense there is taken at its refusal).
   */
  public static boolean noneRemaining(String remaining) {
    try {
      return new BigDecimal(remaining.strip()).signum() <= 0;
    } catch (NumberFormatException unreadable) {
      return true;
    }
  }
}
