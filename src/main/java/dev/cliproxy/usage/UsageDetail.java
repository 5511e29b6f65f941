package dev.cliproxy.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Usage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * One record as an entry of CLIProxyAPI's {@code details} lists ({@code timestamp}, {@code
 * latency_ms}, {@code source}, {@code auth_index}, {@code tokens}, {@code failed}), with this
 * proxy's further fields beside them ({@code id}, {@code api}, {@code provider}, {@code
 * upstream_model}, {@code status}, {@code stream}, {@code first_byte_ms}, {@code
 * tokens.cache_write_tokens}), and back: an export is read by {@link #fromJson}, and so is a
 * CLIProxyAPI export, whose entries have no {@code id} (theirs is derived from the fields
 * CLIProxyAPI itself deduplicates by).
 */
final class UsageDetail {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private UsageDetail() {}

  /** The entry for a record, its timestamp in {@code zone} as CLIProxyAPI writes local time. */
  static ObjectNode toJson(UsageRecord record, ZoneId zone) {
    ObjectNode detail = NODES.objectNode();
    detail.put(
        "timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(record.at().atZone(zone)));
    detail.put("latency_ms", record.latencyMs());
    detail.put("source", record.credential());
    detail.put("auth_index", record.authIndex());
    ObjectNode tokens = detail.putObject("tokens");
    Usage usage = record.tokens();
    tokens.put("input_tokens", usage.inputTokens());
    tokens.put("output_tokens", usage.outputTokens());
    tokens.put("reasoning_tokens", usage.reasoningTokens());
    tokens.put("cached_tokens", usage.cachedInputTokens());
    tokens.put("cache_write_tokens", usage.cacheWriteTokens());
    tokens.put("total_tokens", record.totalTokens());
    detail.put("failed", record.failed());
    detail.put("id", record.id());
    detail.put("api", record.api());
    detail.put("provider", record.provider());
    detail.put("upstream_model", record.upstreamModel());
    detail.put("status", record.status());
    detail.put("stream", record.stream());
    if (record.firstByteMs().isPresent()) {
      detail.put("first_byte_ms", record.firstByteMs().getAsLong());
    }
    return detail;
  }

  /**
   * The record an entry of {@code details} describes, grouped under {@code client} and {@code
   * model}.
   *
   * @throws IllegalArgumentException naming what is wrong with the entry
   */
  static UsageRecord fromJson(String client, String model, JsonNode detail) {
    if (!detail.isObject()) {
      throw new IllegalArgumentException("a details entry is not an object");
    }
    Instant at = timestamp(detail.path("timestamp"));
    JsonNode tokens = detail.path("tokens");
    Usage usage =
        new Usage(
            count(tokens, "input_tokens"),
            count(tokens, "cached_tokens"),
            count(tokens, "cache_write_tokens"),
            count(tokens, "output_tokens"),
            count(tokens, "reasoning_tokens"));
    long total = count(tokens, "total_tokens");
    if (total == 0) {
      total = usage.inputTokens() + usage.outputTokens() + usage.reasoningTokens();
    }
    if (total == 0) {
      total = usage.totalTokens();
    }
    String credential = text(detail, "source");
    if (credential.isEmpty()) {
      credential = text(detail, "auth_index");
    }
    boolean failed = detail.path("failed").asBoolean(false);
    String id = text(detail, "id");
    if (id.isEmpty()) {
      id = derivedId(client, model, detail, usage, total, failed);
    }
    JsonNode firstByte = detail.path("first_byte_ms");
    return new UsageRecord(
        id,
        at,
        client,
        text(detail, "api"),
        text(detail, "provider"),
        credential,
        model,
        text(detail, "upstream_model"),
        detail.path("status").asInt(failed ? 500 : 200),
        detail.path("stream").asBoolean(false),
        Math.max(0, detail.path("latency_ms").asLong(0)),
        firstByte.isIntegralNumber()
            ? OptionalLong.of(Math.max(0, firstByte.asLong()))
            : OptionalLong.empty(),
        usage,
        total,
        failed,
        text(detail, "auth_index"));
  }

  /** What CLIProxyAPI's import deduplicates by, hashed: an entry imported twice has one id. */
  private static String derivedId(
      String client, String model, JsonNode detail, Usage usage, long total, boolean failed) {
    String key =
        String.join(
            "|",
            client,
            model,
            detail.path("timestamp").asText(""),
            text(detail, "source"),
            text(detail, "auth_index"),
            Boolean.toString(failed),
            Long.toString(usage.inputTokens()),
            Long.toString(usage.outputTokens()),
            Long.toString(usage.reasoningTokens()),
            Long.toString(usage.cachedInputTokens()),
            Long.toString(total));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "import-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Instant timestamp(JsonNode value) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException("a details entry has no timestamp");
    }
    try {
      Instant at = OffsetDateTime.parse(value.textValue()).toInstant();
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw new IllegalArgumentException(
            "a details entry's timestamp is outside the years 1970 to 9999: " + value.textValue());
      }
      return at;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "a details entry's timestamp is not RFC 3339: " + value.textValue());
    }
  }

  private static long count(JsonNode tokens, String field) {
    return Math.max(0, tokens.path(field).asLong(0));
  }

  private static String text(JsonNode detail, String field) {
    JsonNode value = detail.path(field);
    return value.isValueNode() ? value.asText("") : "";
  }
}
