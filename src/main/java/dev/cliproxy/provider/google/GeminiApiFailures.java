package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.hint.ErrorBody;
import dev.cliproxy.provider.hint.KeyRefusal;
import dev.cliproxy.provider.hint.ResetHint;
import dev.cliproxy.provider.hint.RetryInfo;
import java.util.Optional;
import java.util.Set;

/**
 * How the plain Gemini API (generativelanguage, Vertex) refuses: a 429 {@code RESOURCE_EXHAUSTED}
 * carries Google's {@link RetryInfo}. For an API key from the config, Google's 400 whose {@code
 * ErrorInfo} reason is {@code API_KEY_INVALID} ("API key not valid"), a 401, or a 403 {@code
 * PERMISSION_DENIED} mean the key is wrong until the config changes.
 */
public final class GeminiApiFailures implements FailureReader {
  public static final GeminiApiFailures INSTANCE = new GeminiApiFailures();

  private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
  private static final Set<String> NO_ACCESS = Set.of("permission_denied");

  private GeminiApiFailures() {}

  @Override
  public FailureReading read(Refusal refusal) {
    return FailureReading.of(
        ResetHint.of(refusal, RetryInfo::resets),
        invalidKey(refusal).or(() -> KeyRefusal.why(refusal, NO_ACCESS)));
  }

  private static Optional<String> invalidKey(Refusal refusal) {
    if (!refusal.apiKey() || refusal.status() != 400) {
      return Optional.empty();
    }
    for (JsonNode detail : ErrorBody.of(refusal.body()).error().path("details")) {
      if (ERROR_INFO.equals(detail.path("@type").asText())
          && "API_KEY_INVALID".equals(detail.path("reason").asText())) {
        return Optional.of("the upstream says the API key is invalid (400 API_KEY_INVALID)");
      }
    }
    return Optional.empty();
  }
}
