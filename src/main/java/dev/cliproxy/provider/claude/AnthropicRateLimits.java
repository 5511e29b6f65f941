package dev.cliproxy.provider.claude;

import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.hint.RateLimitHeaders;
import dev.cliproxy.provider.hint.ResetTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rate-limit windows Anthropic reports in its answer headers, and when the used-up ones reset:
 * {@code anthropic-ratelimit-<window>-reset} (RFC 3339 for the API windows {@code requests}, {@code
 * tokens}, {@code input-tokens} …; epoch seconds for the subscription windows {@code unified},
 * {@code unified-5h}, {@code unified-7d} …), with {@code -status}, {@code -remaining} or {@code
 * -utilization} saying whether that window is used up.
 *
 * <p>A window counts when its companions show it used up ({@code status: rejected}, {@code
 * remaining: 0}, {@code utilization >= 1}) or say nothing about it. Windows with room left are not
 * why the request was refused, so their resets are ignored; so is the {@code unified-overage}
 * window, which is paid extra usage (often switched off and then always {@code rejected}), not the
 * plan's allowance.
 */
final class AnthropicRateLimits {
  private static final String PREFIX = "anthropic-ratelimit-";
  private static final String OVERAGE = PREFIX + "unified-overage";
  private static final String RESET = "-reset";

  private AnthropicRateLimits() {}

  /** When each used-up window resets. */
  static List<Instant> usedUpResets(Refusal refusal) {
    UpstreamHeaders headers = refusal.headers();
    List<Instant> resets = new ArrayList<>();
    for (Map.Entry<String, String> field : headers.lowercase()) {
      String name = field.getKey();
      if (name.startsWith(PREFIX) && name.endsWith(RESET) && !name.startsWith(OVERAGE)) {
        String window = name.substring(0, name.length() - RESET.length());
        if (usedUp(
            headers.get(window + "-status"),
            headers.get(window + "-remaining"),
            headers.get(window + "-utilization"))) {
          ResetTime.parse(field.getValue(), refusal.now()).ifPresent(resets::add);
        }
      }
    }
    return resets;
  }

  /** Whether the window's companions show it used up, or say nothing. */
  private static boolean usedUp(String status, String remaining, String utilization) {
    if (status != null) {
      return status.strip().toLowerCase(Locale.ROOT).equals("rejected");
    }
    if (remaining != null) {
      return RateLimitHeaders.noneRemaining(remaining);
    }
    if (utilization != null) {
      try {
        return new BigDecimal(utilization.strip()).compareTo(BigDecimal.ONE) >= 0;
      } catch (NumberFormatException unreadable) {
        return true;
      }
    }
    return true;
  }
}
