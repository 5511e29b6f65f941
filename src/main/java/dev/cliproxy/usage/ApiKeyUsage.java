package dev.cliproxy.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures {@code GET /v0/management/api-key-usage} answers with, in CLIProxyAPI's shape: for
 * each API-key credential of the config, under its provider and {@code <base-url>|<api-key>} (the
 * key the Management Center matches its config entries by), its successes and failures and the last
 * 20 ten-minute buckets ({@code recent_requests}, oldest first, labelled {@code HH:mm-HH:mm}).
 */
public final class ApiKeyUsage {
  static final int BUCKETS = 20;
  static final long BUCKET_US = 10L * 60 * 1_000_000;
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("HH:mm");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * One API-key credential, as the config names it.
   *
   * @param provider the provider key, e.g. {@code claude}, or an OpenAI-compatible entry's name
   * @param credentialId the credential's id, as the records name it
   * @param baseUrl the config entry's {@code base-url}, empty when it has none
   * @param apiKey the config entry's {@code api-key}
   */
  public record KeyedCredential(
      String provider, String credentialId, String baseUrl, String apiKey) {}

  private final UsageStore store;
  private final Clock clock;

  /**
   * @param clock gives now and the zone of the bucket labels
   */
  public ApiKeyUsage(UsageStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The answer for these credentials. */
  public ObjectNode answer(List<KeyedCredential> credentials) throws SQLException {
    long current = UsageStore.micros(clock.instant()) / BUCKET_US;
    long first = current - (BUCKETS - 1);
    Map<String, long[]> totals = new HashMap<>();
    Map<String, long[][]> recent = new HashMap<>();
    store.read(connection -> {
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT credential, count(*) - sum(failed), sum(failed) FROM requests"
                      + " GROUP BY credential");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          totals.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
        }
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT credential, at_us / ? AS bucket, count(*) - sum(failed), sum(failed)"
                  + " FROM requests WHERE at_us >= ? GROUP BY credential, bucket")) {
        query.setLong(1, BUCKET_US);
        query.setLong(2, first * BUCKET_US);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            int index = (int) (rows.getLong(2) - first);
            if (index < 0 || index >= BUCKETS) {
              continue;
            }
            long[][] buckets =
                recent.computeIfAbsent(rows.getString(1), id -> new long[BUCKETS][2]);
            buckets[index][0] += rows.getLong(3);
            buckets[index][1] += rows.getLong(4);
          }
        }
      }
      return null;
    });
    ObjectNode answer = NODES.objectNode();
    for (KeyedCredential credential : credentials) {
      String provider = credential.provider().trim().toLowerCase(Locale.ROOT);
      ObjectNode byKey = (ObjectNode) answer.get(provider.isEmpty() ? "unknown" : provider);
      if (byKey == null) {
        byKey = answer.putObject(provider.isEmpty() ? "unknown" : provider);
      }
      String key = credential.baseUrl().trim() + "|" + credential.apiKey().trim();
      ObjectNode entry = (ObjectNode) byKey.get(key);
      if (entry == null) {
        entry = byKey.putObject(key);
        entry.put("success", 0L);
        entry.put("failed", 0L);
        ArrayNode buckets = entry.putArray("recent_requests");
        for (int i = 0; i < BUCKETS; i++) {
          ObjectNode bucket = buckets.addObject();
          bucket.put("time", label(first + i));
          bucket.put("success", 0L);
          bucket.put("failed", 0L);
        }
      }
      long[] sums = totals.getOrDefault(credential.credentialId(), new long[2]);
      entry.put("success", entry.path("success").asLong() + sums[0]);
      entry.put("failed", entry.path("failed").asLong() + sums[1]);
      long[][] buckets = recent.get(credential.credentialId());
      if (buckets != null) {
        ArrayNode list = (ArrayNode) entry.get("recent_requests");
        for (int i = 0; i < BUCKETS; i++) {
          ObjectNode bucket = (ObjectNode) list.get(i);
          bucket.put("success", bucket.path("success").asLong() + buckets[i][0]);
          bucket.put("failed", bucket.path("failed").asLong() + buckets[i][1]);
        }
      }
    }
    return answer;
  }

  private String label(long bucket) {
    var start = UsageStore.instant(bucket * BUCKET_US).atZone(clock.getZone());
    return LABEL.format(start) + "-" + LABEL.format(start.plusMinutes(10));
  }
}
