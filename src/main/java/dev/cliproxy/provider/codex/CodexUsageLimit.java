package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.hint.ErrorBody;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reset times in the ChatGPT backend's quota body, {@code {"error":{"type":
 * "usage_limit_reached","plan_type":"plus","resets_at":<epoch seconds>,"resets_in_seconds":<n>}}},
 * each written as a JSON number or a numeric string.
 */
final class CodexUsageLimit {
  /** Far beyond any real reset (some 35 000 years), small enough for every time type. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1L << 40);

  private CodexUsageLimit() {}

  /** When the usage limit resets, as the body states it; empty when it states none. */
  static List<Instant> resets(Refusal refusal) {
    JsonNode error = ErrorBody.of(refusal.body()).error();
    List<Instant> resets = new ArrayList<>(2);
    ErrorBody.number(error.path("resets_at"))
        .filter(s -> s.signum() > 0)
        .ifPresent(s -> resets.add(Instant.ofEpochSecond(s.min(MAX_SECONDS).longValue())));
    ErrorBody.number(error.path("resets_in_seconds"))
        .filter(s -> s.signum() >= 0)
        .ifPresent(s ->
            resets.add(refusal.now().plus(Duration.ofSeconds(s.min(MAX_SECONDS).longValue()))));
    return resets;
  }
}
