package dev.cliproxy.usage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of the usage file and how a file of an older version is brought up to date. The
 * version is SQLite's {@code PRAGMA user_version}: 0 for a new file, then the number of migrations
 * applied. A file written by a newer version of the proxy is refused rather than guessed at.
 */
final class UsageSchema {

  /** Each migration's statements, in order; migration {@code i} takes the file to version i+1. */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE requests (
                id TEXT PRIMARY KEY,
                at_us INTEGER NOT NULL,
                client TEXT NOT NULL,
                api TEXT NOT NULL,
                provider TEXT NOT NULL,
                credential TEXT NOT NULL,
                model TEXT NOT NULL,
                upstream_model TEXT NOT NULL,
                status INTEGER NOT NULL,
                stream INTEGER NOT NULL,
                latency_ms INTEGER NOT NULL,
                first_byte_ms INTEGER,
                input_tokens INTEGER NOT NULL,
                cached_tokens INTEGER NOT NULL,
                cache_write_tokens INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                reasoning_tokens INTEGER NOT NULL,
                total_tokens INTEGER NOT NULL,
                failed INTEGER NOT NULL
              )\
              """,
              "CREATE INDEX requests_at ON requests(at_us)",
              "CREATE INDEX requests_client_model_at ON requests(client, model, at_us)",
              "CREATE INDEX requests_credential_at ON requests(credential, at_us)"),
          List.of("ALTER TABLE requests ADD COLUMN auth_index TEXT NOT NULL DEFAULT ''"));

  /** The version this proxy writes. */
  static final int CURRENT = MIGRATIONS.size();

  private UsageSchema() {}

  /**
   * Brings the file behind {@code connection} to {@link #CURRENT}, each migration in one
   * transaction.
   *
   * @throws SQLException if the file is of a newer version, or a migration fails
   */
  static void migrate(Connection connection) throws SQLException {
    int version = version(connection);
    if (version > CURRENT) {
      throw new SQLException(
          "the usage file has schema version "
              + version
              + ", newer than this proxy's "
              + CURRENT
              + "; use a newer proxy, or point usage.database at another file");
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (int next = version; next < CURRENT; next++) {
        for (String sql : MIGRATIONS.get(next)) {
          statement.execute(sql);
        }
        statement.execute("PRAGMA user_version = " + (next + 1));
        connection.commit();
      }
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  static int version(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
