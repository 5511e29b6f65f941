package dev.cliproxy.provider.openaicompat;

import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.hint.KeyRefusal;
import dev.cliproxy.provider.hint.RateLimitHeaders;
import dev.cliproxy.provider.hint.ResetHint;
import dev.cliproxy.provider.hint.RetryInfo;
import java.util.Set;

/**
 * How an {@code openai-compatibility} upstream's refusals are read. Such hosts speak OpenAI's
 * dialect but vary: resets come from {@code Retry-After}, OpenAI-style {@code x-ratelimit-*}
 * windows, or (Google's OpenAI-compatible endpoint) a RetryInfo body. A 401 to the key, or a 403
 * coded {@code invalid_api_key}, {@code permission_error} or {@code PERMISSION_DENIED}, means the
 * key is wrong until the config changes.
 */
public final class OpenAiCompatFailures implements FailureReader {
  public static final OpenAiCompatFailures INSTANCE = new OpenAiCompatFailures();

  private static final Set<String> NO_ACCESS =
      Set.of("invalid_api_key", "permission_error", "permission_denied");

  private OpenAiCompatFailures() {}

  @Override
  public FailureReading read(Refusal refusal) {
    return FailureReading.of(
        ResetHint.of(refusal, RateLimitHeaders::usedUpResets, RetryInfo::resets),
        KeyRefusal.why(refusal, NO_ACCESS));
  }
}
