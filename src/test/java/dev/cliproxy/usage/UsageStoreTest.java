package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.AuthSnapshot;
import dev.cliproxy.dialect.model.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite file: created private, in WAL mode, versioned, records kept across reopening. */
class UsageStoreTest {
  @TempDir Path dir;

  @Test
  void aNewFileIsPrivateInWalModeAtTheCurrentSchemaVersion() throws Exception {
    Path file = dir.resolve("sub/usage.sqlite");
    try (UsageStore store = UsageStore.open(file)) {
      assertThat(store.file()).isEqualTo(file);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .as("the directory it made (by default the auth directory) is owner-only")
        .isEqualTo("rwx------");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(single(statement, "PRAGMA user_version")).isEqualTo("2");
    }
  }

  @Test
  void recordsSurviveReopeningAndAnIdIsStoredOnce() throws Exception {
    Path file = dir.resolve("usage.sqlite");
    UsageRecord record =
        Records.served(
            Instant.parse("2026-12-01T09:15:30.123456Z"),
            "key-0123456789ab",
            "gpt-x",
            "cred-1",
            new Usage(10, 5, 2, 7, 3));
    try (UsageStore store = UsageStore.open(file)) {
      assertThat(store.insert(List.of(record))).isEqualTo(1);
      assertThat(store.insert(List.of(record))).isZero();
    }
    try (UsageStore store = UsageStore.open(file)) {
      assertThat(store.count()).isEqualTo(1);
      UsageRecord read =
          store.read(connection -> {
            try (Statement statement = connection.createStatement();
                ResultSet rows =
                    statement.executeQuery("SELECT " + UsageStore.COLUMNS + " FROM requests")) {
              rows.next();
              return UsageStore.record(rows);
            }
          });
      assertThat(read).isEqualTo(record);
    }
  }

  @Test
  void aFileOfTheFirstVersionKeepsItsRecordsAndGainsAnEmptyAuthIndex() throws Exception {
    Path file = dir.resolve("usage.sqlite");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE requests (id TEXT PRIMARY KEY, at_us INTEGER NOT NULL, client TEXT NOT"
              + " NULL, api TEXT NOT NULL, provider TEXT NOT NULL, credential TEXT NOT NULL,"
              + " model TEXT NOT NULL, upstream_model TEXT NOT NULL, status INTEGER NOT NULL,"
              + " stream INTEGER NOT NULL, latency_ms INTEGER NOT NULL, first_byte_ms INTEGER,"
              + " input_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL,"
              + " cache_write_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,"
              + " reasoning_tokens INTEGER NOT NULL, total_tokens INTEGER NOT NULL, failed"
              + " INTEGER NOT NULL)");
      statement.execute(
          "INSERT INTO requests VALUES ('old-1', 1, 'c', 'OPENAI_CHAT', 'up', 'cred-1', 'm',"
              + " 'm', 200, 0, 5, NULL, 1, 0, 0, 2, 0, 3, 0)");
      statement.execute("PRAGMA user_version = 1");
    }
    try (UsageStore store = UsageStore.open(file)) {
      UsageRecord read =
          store.read(connection -> {
            try (Statement statement = connection.createStatement();
                ResultSet rows =
                    statement.executeQuery("SELECT " + UsageStore.COLUMNS + " FROM requests")) {
              rows.next();
              return UsageStore.record(rows);
            }
          });
      assertThat(read.id()).isEqualTo("old-1");
      assertThat(read.credential()).isEqualTo("cred-1");
      assertThat(read.authIndex()).isEmpty();
    }
  }

  @Test
  void aFileOfANewerVersionIsRefusedAndLeftAlone() throws Exception {
    Path file = dir.resolve("usage.sqlite");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 7");
    }
    assertThatThrownBy(() -> UsageStore.open(file))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("schema version 7, newer than this proxy's 2");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA user_version")).isEqualTo("7");
    }
  }

  @Test
  void deleteBeforeRemovesOnlyOlderRecords() throws Exception {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    try (UsageStore store = UsageStore.open(dir.resolve("usage.sqlite"))) {
      store.insert(
          List.of(
              Records.served(now.minusSeconds(10), "c", "m", "x", Usage.NONE),
              Records.served(now, "c", "m", "x", Usage.NONE),
              Records.served(now.plusSeconds(10), "c", "m", "x", Usage.NONE)));
      assertThat(store.deleteBefore(now)).isEqualTo(1);
      assertThat(store.count()).isEqualTo(2);
    }
  }

  /**
   * The auth directory reads (and its watcher reloads on) top-level *.json files only: the
   * database's three files change nothing it sees.
   */
  @Test
  void theDatabaseFilesInTheAuthDirAreNotAuthFiles() throws Exception {
    try (UsageStore store = UsageStore.open(dir.resolve(UsageSettings.DEFAULT_FILE))) {
      store.insert(List.of(Records.served(Instant.now(), "c", "m", "x", Usage.NONE)));
      List<String> names;
      try (Stream<Path> files = Files.list(dir)) {
        names = files.map(f -> f.getFileName().toString()).toList();
      }
      assertThat(names).contains("usage.sqlite", "usage.sqlite-wal", "usage.sqlite-shm");
      AuthSnapshot snapshot = new AuthDirectory(dir).load();
      assertThat(snapshot.files()).isEmpty();
      assertThat(snapshot.problems()).isEmpty();
      assertThat(snapshot.contentHashes()).isEmpty();
    }
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
