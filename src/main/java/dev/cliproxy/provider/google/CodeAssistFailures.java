package dev.cliproxy.provider.google;

import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.hint.ErrorBody;
import dev.cliproxy.provider.hint.ResetHint;
import dev.cliproxy.provider.hint.RetryInfo;

/**
 * How Code Assist's refusals are read (Gemini CLI's and Antigravity's): {@code Retry-After}, and on
 * a 429 Google's {@code RetryInfo} detail ({@code retryDelay}). A 403 {@code PERMISSION_DENIED}
 * (the project lost Code Assist, or the API was turned off) rests only the account that got it, for
 * the cooldown table's time, and says why; a 401 is a stale token the gateway refreshes.
 */
public final class CodeAssistFailures implements FailureReader {
  public static final CodeAssistFailures INSTANCE = new CodeAssistFailures();

  private CodeAssistFailures() {}

  @Override
  public FailureReading read(Refusal refusal) {
    var rest = ResetHint.of(refusal, RetryInfo::resets);
    if (refusal.status() == 403) {
      var error = ErrorBody.of(refusal.body()).error();
      if ("PERMISSION_DENIED".equals(error.path("status").asText())) {
        String message = error.path("message").asText("").replaceAll("\\s+", " ").trim();
        if (message.length() > 200) {
          message = message.substring(0, 200) + "…";
        }
        return new FailureReading(
            rest, false, "PERMISSION_DENIED" + (message.isEmpty() ? "" : ": " + message));
      }
    }
    return FailureReading.rest(rest);
  }
}
