package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.QuotaSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Code Assist's {@code v1internal:retrieveUserQuota} answer, {@code {"buckets": [{modelId,
 * tokenType, remainingFraction, resetTime}]}}, as one window per bucket: named after its model (and
 * its token type when that is not {@code REQUESTS}), used = 1 − remaining, reset at its {@code
 * resetTime}. Buckets without a model or a fraction are skipped.
 */
public final class CodeAssistQuota {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CodeAssistQuota() {}

  /** The request body that asks for a project's quota. */
  public static byte[] request(String project) {
    return JSON.createObjectNode()
        .put("project", project)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** What an answer says; empty when it is not a JSON object with a {@code buckets} array. */
  public static Optional<QuotaSnapshot> read(byte[] body, Instant now) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (answer == null || !answer.path("buckets").isArray()) {
      return Optional.empty();
    }
    List<QuotaSnapshot.Window> windows = new ArrayList<>();
    for (JsonNode bucket : answer.path("buckets")) {
      window(bucket).ifPresent(windows::add);
    }
    return Optional.of(new QuotaSnapshot(now, Optional.empty(), windows));
  }

  private static Optional<QuotaSnapshot.Window> window(JsonNode bucket) {
    String model = bucket.path("modelId").asText("");
    JsonNode remaining = bucket.path("remainingFraction");
    if (model.isBlank() || !remaining.isNumber()) {
      return Optional.empty();
    }
    String type = bucket.path("tokenType").asText("REQUESTS");
    String name =
        type.isBlank() || type.equals("REQUESTS")
            ? model
            : model + " (" + type.toLowerCase(Locale.ROOT) + ")";
    double used = Math.round((1 - remaining.asDouble()) * 1000) / 10.0;
    return Optional.of(
        new QuotaSnapshot.Window(
            name,
            Optional.of(Math.max(0, used)),
            Optional.empty(),
            resetTime(bucket.path("resetTime").asText("")),
            Optional.empty()));
  }

  private static Optional<Instant> resetTime(String text) {
    try {
      return text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
