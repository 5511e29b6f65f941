package dev.cliproxy.usage;

import dev.cliproxy.auth.store.AtomicFileWriter;
import dev.cliproxy.dialect.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import org.sqlite.SQLiteConfig;

/**
 * The usage records in one SQLite file (WAL mode): one connection that writes, used by one thread
 * at a time, and a fresh read-only connection for each report, so a report never waits for a batch
 * and a batch never waits for a report. The file is created 0600 and its schema kept up to date by
 * {@link UsageSchema}.
 */
public final class UsageStore implements AutoCloseable {
  static final String COLUMNS =
      "id, at_us, client, api, provider, credential, model, upstream_model, status, stream,"
          + " latency_ms, first_byte_ms, input_tokens, cached_tokens, cache_write_tokens,"
          + " output_tokens, reasoning_tokens, total_tokens, failed, auth_index";
  private static final String INSERT =
      "INSERT OR IGNORE INTO requests ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final Path file;
  private final String url;
  private final Connection writer;

  /** What a report does with a read-only connection. */
  @FunctionalInterface
  public interface Read<T> {
    T from(Connection connection) throws SQLException;
  }

  private UsageStore(Path file, Connection writer) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file;
    this.writer = writer;
  }

  /**
   * Opens the file, creating it (and its directory) when missing, in WAL mode, with its schema
   * migrated to the current version.
   *
   * @throws IOException if the file cannot be created
   * @throws SQLException if it is not a usage file this proxy can use
   */
  public static UsageStore open(Path file) throws IOException, SQLException {
    Path absolute = file.toAbsolutePath().normalize();
    // beside the accounts by default: a new directory is owner-only, as the auth directory is
    AtomicFileWriter.createPrivateDirectory(absolute.getParent());
    if (!Files.exists(absolute)) {
      createPrivate(absolute);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    Connection connection = config.createConnection("jdbc:sqlite:" + absolute);
    try {
      UsageSchema.migrate(connection);
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new UsageStore(absolute, connection);
  }

  private static void createPrivate(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * Adds the records in one transaction; a record whose id is already stored is skipped.
   *
   * @return how many were added
   */
  public synchronized int insert(List<UsageRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return 0;
    }
    try (PreparedStatement insert = writer.prepareStatement(INSERT)) {
      for (UsageRecord record : records) {
        bind(insert, record);
        insert.addBatch();
      }
      int added = 0;
      for (int count : insert.executeBatch()) {
        added += Math.max(count, 0);
      }
      writer.commit();
      return added;
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    }
  }

  /** Deletes the records accepted before {@code cutoff}; returns how many. */
  public synchronized int deleteBefore(Instant cutoff) throws SQLException {
    try (PreparedStatement delete =
        writer.prepareStatement("DELETE FROM requests WHERE at_us < ?")) {
      delete.setLong(1, micros(cutoff));
      int deleted = delete.executeUpdate();
      writer.commit();
      return deleted;
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    }
  }

  /**
   * Runs a report on a read-only connection of its own, in one transaction: all its queries see the
   * same records, whatever the writer commits meanwhile.
   */
  public <T> T read(Read<T> read) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try (Connection connection = config.createConnection(url)) {
      connection.setAutoCommit(false);
      try {
        return read.from(connection);
      } finally {
        connection.rollback();
      }
    }
  }

  /** How many records the file holds. */
  public long count() throws SQLException {
    return read(connection -> {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM requests")) {
        return rows.next() ? rows.getLong(1) : 0L;
      }
    });
  }

  /** Closes the writing connection; reports already running finish on their own. */
  @Override
  public synchronized void close() throws SQLException {
    writer.close();
  }

  static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** The record in the current row of a {@code SELECT} of {@link #COLUMNS}. */
  static UsageRecord record(ResultSet row) throws SQLException {
    long firstByte = row.getLong(12);
    OptionalLong firstByteMs = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(firstByte);
    return new UsageRecord(
        row.getString(1),
        instant(row.getLong(2)),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        row.getInt(9),
        row.getInt(10) != 0,
        row.getLong(11),
        firstByteMs,
        new Usage(
            row.getLong(13), row.getLong(14), row.getLong(15), row.getLong(16), row.getLong(17)),
        row.getLong(18),
        row.getInt(19) != 0,
        row.getString(20));
  }

  private static void bind(PreparedStatement insert, UsageRecord record) throws SQLException {
    insert.setString(1, record.id());
    insert.setLong(2, micros(record.at()));
    insert.setString(3, record.client());
    insert.setString(4, record.api());
    insert.setString(5, record.provider());
    insert.setString(6, record.credential());
    insert.setString(7, record.model());
    insert.setString(8, record.upstreamModel());
    insert.setInt(9, record.status());
    insert.setInt(10, record.stream() ? 1 : 0);
    insert.setLong(11, record.latencyMs());
    if (record.firstByteMs().isPresent()) {
      insert.setLong(12, record.firstByteMs().getAsLong());
    } else {
      insert.setNull(12, Types.INTEGER);
    }
    Usage tokens = record.tokens();
    insert.setLong(13, tokens.inputTokens());
    insert.setLong(14, tokens.cachedInputTokens());
    insert.setLong(15, tokens.cacheWriteTokens());
    insert.setLong(16, tokens.outputTokens());
    insert.setLong(17, tokens.reasoningTokens());
    insert.setLong(18, record.totalTokens());
    insert.setInt(19, record.failed() ? 1 : 0);
    insert.setString(20, record.authIndex());
  }
}
