package dev.cliproxy.usage;

import dev.cliproxy.dialect.model.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client key spent this month, read back from the records so that its limits carry on
 * after a restart. A request the proxy refused without trying a credential (a 403, 429 or 503 with
 * no credential: a key's own policy refused it, or every credential was resting or unusable) is not
 * counted as a request, since a key's refusals never count against it.
 */
public final class ClientKeySpend {
  private static final String COUNTED = "NOT (credential = '' AND status IN (403, 429, 503))";

  private final UsageStore store;

  ClientKeySpend(UsageStore store) {
    this.store = store;
  }

  /**
   * The tokens of one model (as asked and as sent upstream) in one part of the month.
   *
   * @param today whether these records are of the day that started at {@code dayStart}
   * @param requests how many counted requests
   */
  public record ModelPart(
      String model, String upstreamModel, boolean today, long requests, Usage tokens) {}

  /** One record of the last moments, for limits over a sliding minute. */
  public record Recent(Instant at, long tokens, boolean counted) {}

  /**
   * The key's spend since {@code monthStart}, and its records since {@code recentStart} one by one.
   *
   * @param client the key's fingerprint, as the records name it
   */
  public record Spend(List<ModelPart> month, List<Recent> recent) {
    public Spend {
      month = List.copyOf(month);
      recent = List.copyOf(recent);
    }
  }

  /**
   * Reads the spend of {@code client}; {@code dayStart} and {@code recentStart} are in the month.
   */
  public Spend of(String client, Instant monthStart, Instant dayStart, Instant recentStart)
      throws SQLException {
    return store.read(connection ->
        new Spend(
            month(connection, client, monthStart, dayStart),
            recent(connection, client, recentStart)));
  }

  private static List<ModelPart> month(
      Connection connection, String client, Instant monthStart, Instant dayStart)
      throws SQLException {
    String sql =
        "SELECT model, upstream_model, at_us >= ? AS today, sum(CASE WHEN "
            + COUNTED
            + " THEN 1 ELSE 0 END), sum(input_tokens), sum(cached_tokens),"
            + " sum(cache_write_tokens), sum(output_tokens), sum(reasoning_tokens) FROM requests"
            + " WHERE client = ? AND at_us >= ? GROUP BY model, upstream_model, today";
    List<ModelPart> parts = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, UsageStore.micros(dayStart));
      statement.setString(2, client);
      statement.setLong(3, UsageStore.micros(monthStart));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          parts.add(
              new ModelPart(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getInt(3) != 0,
                  rows.getLong(4),
                  new Usage(
                      rows.getLong(5),
                      rows.getLong(6),
                      rows.getLong(7),
                      rows.getLong(8),
                      rows.getLong(9))));
        }
      }
    }
    return parts;
  }

  private static List<Recent> recent(Connection connection, String client, Instant since)
      throws SQLException {
    String sql =
        "SELECT at_us, total_tokens, "
            + COUNTED
            + " FROM requests WHERE client = ? AND at_us >= ? ORDER BY at_us";
    List<Recent> recent = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, client);
      statement.setLong(2, UsageStore.micros(since));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          recent.add(
              new Recent(
                  Instant.EPOCH.plus(rows.getLong(1), ChronoUnit.MICROS),
                  rows.getLong(2),
                  rows.getInt(3) != 0));
        }
      }
    }
    return recent;
  }
}
