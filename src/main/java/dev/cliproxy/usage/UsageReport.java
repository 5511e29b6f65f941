package dev.cliproxy.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures {@code GET /v0/management/usage} answers with, in CLIProxyAPI's shape: totals, per
 * client (key fingerprint) and model the counts and the newest {@code details}, and requests and
 * tokens by day and by hour of the day in the server's zone. Everything is summed by SQL, so the
 * answer's size depends on the clients, models and days kept, never on the number of requests:
 * {@code details} holds at most {@code detailsPerModel} entries per model.
 */
public final class UsageReport {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Every zone's offset is a multiple of 15 minutes, so such buckets fall in one local hour. */
  static final long QUARTER_HOUR_US = 15L * 60 * 1_000_000;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH");

  private final UsageStore store;
  private final ZoneId zone;
  private final int detailsPerModel;

  /**
   * @param zone where days and hours are counted (CLIProxyAPI uses the server's local time)
   * @param detailsPerModel how many of the newest requests each model lists in {@code details}
   */
  public UsageReport(UsageStore store, ZoneId zone, int detailsPerModel) {
    this.store = store;
    this.zone = zone;
    this.detailsPerModel = detailsPerModel;
  }

  /** The whole answer: {@code {"usage": {...}, "failed_requests": n}}. */
  public ObjectNode answer() throws SQLException {
    ObjectNode usage = usage();
    ObjectNode answer = NODES.objectNode();
    answer.set("usage", usage);
    answer.put("failed_requests", usage.path("failure_count").asLong());
    return answer;
  }

  /** Where days and hours are counted. */
  ZoneId zone() {
    return zone;
  }

  /** The {@code usage} object. */
  public ObjectNode usage() throws SQLException {
    return store.read(connection -> {
      ObjectNode usage = NODES.objectNode();
      totals(connection, usage);
      usage.set("apis", apis(connection));
      byTime(connection, usage);
      return usage;
    });
  }

  /** {@code total_requests}, {@code success_count}, {@code failure_count}, {@code total_tokens}. */
  public ObjectNode totals() throws SQLException {
    return store.read(connection -> {
      ObjectNode totals = NODES.objectNode();
      totals(connection, totals);
      return totals;
    });
  }

  /**
   * Requests, failures and tokens per day (in the report's zone), client, credential and model,
   * oldest day first.
   */
  public ArrayNode daily() throws SQLException {
    return store.read(connection -> {
      Map<DayKey, long[]> sums = new TreeMap<>(DAY_ORDER);
      String sql =
          "SELECT at_us / ? AS quarter, client, credential, model, count(*), sum(failed),"
              + " sum(input_tokens), sum(cached_tokens), sum(cache_write_tokens),"
              + " sum(output_tokens), sum(reasoning_tokens), sum(total_tokens)"
              + " FROM requests GROUP BY quarter, client, credential, model";
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        query.setLong(1, QUARTER_HOUR_US);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            DayKey key =
                new DayKey(
                    DAY.format(quarterStart(rows.getLong(1))),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4));
            long[] sum = sums.computeIfAbsent(key, k -> new long[8]);
            for (int i = 0; i < sum.length; i++) {
              sum[i] += rows.getLong(5 + i);
            }
          }
        }
      }
      ArrayNode days = NODES.arrayNode();
      sums.forEach((key, sum) -> {
        ObjectNode day = days.addObject();
        day.put("day", key.day());
        day.put("client", key.client());
        day.put("credential", key.credential());
        day.put("model", key.model());
        day.put("requests", sum[0]);
        day.put("failed", sum[1]);
        day.put("input_tokens", sum[2]);
        day.put("cached_tokens", sum[3]);
        day.put("cache_write_tokens", sum[4]);
        day.put("output_tokens", sum[5]);
        day.put("reasoning_tokens", sum[6]);
        day.put("total_tokens", sum[7]);
      });
      return days;
    });
  }

  private record DayKey(String day, String client, String credential, String model) {}

  private static final Comparator<DayKey> DAY_ORDER =
      Comparator.comparing(DayKey::day)
          .thenComparing(DayKey::client)
          .thenComparing(DayKey::credential)
          .thenComparing(DayKey::model);

  private ZonedDateTime quarterStart(long quarter) {
    return UsageStore.instant(quarter * QUARTER_HOUR_US).atZone(zone);
  }

  static void totals(Connection connection, ObjectNode usage) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*), count(*) - coalesce(sum(failed), 0), coalesce(sum(failed), 0),"
                    + " coalesce(sum(total_tokens), 0) FROM requests")) {
      row.next();
      usage.put("total_requests", row.getLong(1));
      usage.put("success_count", row.getLong(2));
      usage.put("failure_count", row.getLong(3));
      usage.put("total_tokens", row.getLong(4));
    }
  }

  private ObjectNode apis(Connection connection) throws SQLException {
    ObjectNode apis = NODES.objectNode();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT client, model, count(*), sum(total_tokens) FROM requests"
                    + " GROUP BY client, model ORDER BY client, model")) {
      while (rows.next()) {
        ObjectNode api = api(apis, rows.getString(1));
        api.put("total_requests", api.path("total_requests").asLong() + rows.getLong(3));
        api.put("total_tokens", api.path("total_tokens").asLong() + rows.getLong(4));
        ObjectNode model = ((ObjectNode) api.get("models")).putObject(rows.getString(2));
        model.put("total_requests", rows.getLong(3));
        model.put("total_tokens", rows.getLong(4));
        model.putArray("details");
      }
    }
    String newest =
        "SELECT "
            + UsageStore.COLUMNS
            + " FROM (SELECT *, row_number() OVER (PARTITION BY client, model ORDER BY at_us DESC,"
            + " id) AS newest FROM requests) WHERE newest <= ? ORDER BY client, model, at_us, id";
    try (PreparedStatement query = connection.prepareStatement(newest)) {
      query.setInt(1, detailsPerModel);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          UsageRecord record = UsageStore.record(rows);
          ((ArrayNode)
                  apis.path(record.client()).path("models").path(record.model()).get("details"))
              .add(UsageDetail.toJson(record, zone));
        }
      }
    }
    return apis;
  }

  private static ObjectNode api(ObjectNode apis, String client) {
    ObjectNode api = (ObjectNode) apis.get(client);
    if (api == null) {
      api = apis.putObject(client);
      api.put("total_requests", 0L);
      api.put("total_tokens", 0L);
      api.putObject("models");
    }
    return api;
  }

  void byTime(Connection connection, ObjectNode usage) throws SQLException {
    Map<String, Long> requestsByDay = new TreeMap<>();
    Map<String, Long> requestsByHour = new TreeMap<>();
    Map<String, Long> tokensByDay = new TreeMap<>();
    Map<String, Long> tokensByHour = new TreeMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT at_us / ? AS quarter, count(*), sum(total_tokens) FROM requests"
                + " GROUP BY quarter")) {
      query.setLong(1, QUARTER_HOUR_US);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ZonedDateTime start = quarterStart(rows.getLong(1));
          String day = DAY.format(start);
          String hour = HOUR.format(start);
          requestsByDay.merge(day, rows.getLong(2), Long::sum);
          requestsByHour.merge(hour, rows.getLong(2), Long::sum);
          tokensByDay.merge(day, rows.getLong(3), Long::sum);
          tokensByHour.merge(hour, rows.getLong(3), Long::sum);
        }
      }
    }
    usage.set("requests_by_day", counts(requestsByDay));
    usage.set("requests_by_hour", counts(requestsByHour));
    usage.set("tokens_by_day", counts(tokensByDay));
    usage.set("tokens_by_hour", counts(tokensByHour));
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode node = NODES.objectNode();
    counts.forEach(node::put);
    return node;
  }
}
