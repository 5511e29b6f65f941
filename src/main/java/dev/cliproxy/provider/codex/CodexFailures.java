package dev.cliproxy.provider.codex;

import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.hint.KeyRefusal;
import dev.cliproxy.provider.hint.RateLimitHeaders;
import dev.cliproxy.provider.hint.ResetHint;
import java.util.Set;

/**
 * How Codex's refusals are read: the ChatGPT backend's {@code usage_limit_reached} body ({@link
 * CodexUsageLimit}) and, for API keys sent to OpenAI, {@code Retry-After} and the {@code
 * x-ratelimit-*} windows. A 401 to an API key (or a 403 coded {@code invalid_api_key}) means the
 * key is wrong until the config changes; a 401 to an account is a stale token, refreshed by the
 * gateway.
 */
public final class CodexFailures implements FailureReader {
  public static final CodexFailures INSTANCE = new CodexFailures();

  private static final Set<String> NO_ACCESS = Set.of("invalid_api_key");

  private CodexFailures() {}

  @Override
  public FailureReading read(Refusal refusal) {
    return FailureReading.of(
        ResetHint.of(refusal, CodexUsageLimit::resets, RateLimitHeaders::usedUpResets),
        KeyRefusal.why(refusal, NO_ACCESS));
  }
}
