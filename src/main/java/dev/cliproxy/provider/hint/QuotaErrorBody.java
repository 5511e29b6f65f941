package dev.cliproxy.provider.hint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reset times a quota error body states.
 *
 * <ul>
 *   <li>Codex ({@code usage_limit_reached}): {@code error.resets_at} (epoch seconds) and {@code
 *       error.resets_in_seconds}.
 *   <li>Gemini ({@code RESOURCE_EXHAUSTED}): the {@code error.details[]} entry of type {@code
 *       type.googleapis.com/google.rpc.RetryInfo}, {@code retryDelay} such as {@code "0.847s"}.
 *       Answers wrapped in an array (as streaming endpoints send them) are read too.
 * </ul>
 */
final class QuotaErrorBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

  /** Far beyond any real reset (some 35 000 years), small enough for every time type. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1L << 40);

  private QuotaErrorBody() {}

  /** The reset times in the body; empty when it states none or is not JSON. */
  static List<Instant> resets(byte[] body, Instant now) {
    if (!startsLikeJson(body)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException notJson) {
      return List.of();
    }
    if (root != null && root.isArray()) {
      root = root.path(0);
    }
    if (root == null) {
      return List.of();
    }
    JsonNode error = root.path("error");
    List<Instant> resets = new ArrayList<>();
    seconds(error.path("resets_at"))
        .filter(s -> s.signum() > 0)
        .ifPresent(s -> resets.add(Instant.ofEpochSecond(s.min(MAX_SECONDS).longValue())));
    seconds(error.path("resets_in_seconds"))
        .filter(s -> s.signum() >= 0)
        .ifPresent(s -> resets.add(now.plus(Duration.ofSeconds(s.min(MAX_SECONDS).longValue()))));
    for (JsonNode detail : error.path("details")) {
      if (RETRY_INFO.equals(detail.path("@type").asText())) {
        retryDelay(detail.path("retryDelay")).map(now::plus).ifPresent(resets::add);
      }
    }
    return resets;
  }

  /** A number of seconds, written as a JSON number or a numeric string. */
  private static Optional<BigDecimal> seconds(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    if (node.isTextual()) {
      try {
        return Optional.of(new BigDecimal(node.asText().strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A protobuf Duration in JSON: {@code "30s"}, or the object form {@code {seconds, nanos}}. */
  private static Optional<Duration> retryDelay(JsonNode node) {
    if (node.isTextual()) {
      return DurationText.parse(node.asText());
    }
    if (node.isObject()) {
      return seconds(node.path("seconds"))
          .filter(s -> s.signum() >= 0)
          .map(s ->
              Duration.ofSeconds(s.min(MAX_SECONDS).longValue(), node.path("nanos").asLong(0)));
    }
    return Optional.empty();
  }

  private static boolean startsLikeJson(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }
}
