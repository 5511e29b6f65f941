package dev.cliproxy.provider.hint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.provider.Refusal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Google's retry hint in a {@code RESOURCE_EXHAUSTED} body (Gemini, and Google's OpenAI-compatible
 * endpoint): the {@code error.details[]} entry of type {@code
 * type.googleapis.com/google.rpc.RetryInfo}, whose {@code retryDelay} is a protobuf Duration such
 * as {@code "0.847s"}.
 */
public final class RetryInfo {
  private static final String TYPE = "type.googleapis.com/google.rpc.RetryInfo";

  /** Far beyond any real delay (some 35 000 years), small enough for every time type. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1L << 40);

  private RetryInfo() {}

  /** When each RetryInfo in the body says to retry. */
  public static List<Instant> resets(Refusal refusal) {
    List<Instant> resets = new ArrayList<>(1);
    for (JsonNode detail : ErrorBody.of(refusal.body()).error().path("details")) {
      if (TYPE.equals(detail.path("@type").asText())) {
        retryDelay(detail.path("retryDelay")).map(refusal.now()::plus).ifPresent(resets::add);
      }
    }
    return resets;
  }

  /** A protobuf Duration in JSON: {@code "30s"}, or the object form {@code {seconds, nanos}}. */
  private static Optional<Duration> retryDelay(JsonNode node) {
    if (node.isTextual()) {
      return DurationText.parse(node.asText());
    }
    if (node.isObject()) {
      return ErrorBody.number(node.path("seconds"))
          .filter(s -> s.signum() >= 0)
          .map(s ->
              Duration.ofSeconds(s.min(MAX_SECONDS).longValue(), node.path("nanos").asLong(0)));
    }
    return Optional.empty();
  }
}
