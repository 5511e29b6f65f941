package dev.cliproxy.provider.claude;

import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.hint.KeyRefusal;
import dev.cliproxy.provider.hint.ResetHint;
import java.util.Set;

/**
 * How Anthropic's refusals are read: {@code Retry-After} and the used-up {@code
 * anthropic-ratelimit-*} windows ({@link AnthropicRateLimits}). A 401 to an API key ({@code
 * authentication_error}) or a 403 {@code permission_error} ("Your API key does not have permission
 * to use the specified resource") means the key is wrong until the config changes; a 401 to an
 * account is a stale token, refreshed by the gateway.
 */
public final class ClaudeFailures implements FailureReader {
  public static final ClaudeFailures INSTANCE = new ClaudeFailures();

  private static final Set<String> NO_ACCESS = Set.of("permission_error");

  private ClaudeFailures() {}

  @Override
  public FailureReading read(Refusal refusal) {
    return FailureReading.of(
        ResetHint.of(refusal, AnthropicRateLimits::usedUpResets),
        KeyRefusal.why(refusal, NO_ACCESS));
  }
}
