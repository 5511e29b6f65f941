package dev.cliproxy.usage;

import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.GatewayListener;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage that survives restarts, put together: the SQLite {@link UsageStore}, the {@link
 * UsageWriter} thread that fills it, the {@link UsageRecorder} the gateway tells about requests,
 * retention (at start, then hourly), and the reports the management API answers with.
 */
public final class UsageLedger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

  /**
   * The limits that keep memory bounded whatever the traffic.
   *
   * @param queueCapacity records waiting for the writer; more are dropped and counted
   * @param batchSize records per transaction
   * @param maxInFlight requests remembered between acceptance and end
   * @param maxAge how long a request may go without its end before it is forgotten
   * @param tick how often forgotten requests are swept (and retention checked)
   * @param retentionEvery how often old records are deleted
   * @param detailsPerModel the newest requests each model lists in the usage report
   */
  public record Limits(
      int queueCapacity,
      int batchSize,
      int maxInFlight,
      Duration maxAge,
      Duration tick,
      Duration retentionEvery,
      int detailsPerModel) {
    public static final Limits STANDARD =
        new Limits(
            10_000,
            500,
            10_000,
            Duration.ofHours(6),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            50);
  }

  /**
   * What the ledger has done since it opened.
   *
   * @param recording whether new requests are recorded now
   * @param file the database file
   * @param written records written
   * @param dropped records dropped because the writer's queue was full
   * @param lost records the database refused
   * @param evicted requests forgotten before their end came
   * @param inFlight requests accepted and not ended yet
   * @param queued records waiting for the writer
   */
  public record Status(
      boolean recording,
      Path file,
      long written,
      long dropped,
      long lost,
      long evicted,
      int inFlight,
      int queued) {}

  private final UsageStore store;
  private final Supplier<UsageSettings> settings;
  private final Clock clock;
  private final UsageRecorder recorder;
  private final UsageWriter writer;
  private final UsageReport report;
  private final ApiKeyUsage apiKeyUsage;
  private final UsageExport export;
  private final Duration retentionEvery;
  private volatile Instant lastRetention = Instant.MIN;

  private UsageLedger(
      UsageStore store, Supplier<UsageSettings> settings, Clock clock, ZoneId zone, Limits limits) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.writer =
        new UsageWriter(
            store, limits.queueCapacity(), limits.batchSize(), limits.tick(), this::housekeep);
    this.recorder =
        new UsageRecorder(
            writer::offer, () -> settings.get().recording(), limits.maxInFlight(), limits.maxAge());
    this.report = new UsageReport(store, zone, limits.detailsPerModel());
    this.apiKeyUsage = new ApiKeyUsage(store, clock.withZone(zone));
    this.export = new UsageExport(store, report);
    this.retentionEvery = limits.retentionEvery();
  }

  /**
   * Opens (or creates) the database file, applies retention once, and starts the writer.
   *
   * @param settings read whenever needed: the switches and retention of the running config
   * @param zone where the reports count days and hours
   * @throws IOException if the file cannot be created
   * @throws SQLException if the file is not a usage database this proxy can use
   */
  public static UsageLedger open(
      Path file, Supplier<UsageSettings> settings, Clock clock, ZoneId zone, Limits limits)
      throws IOException, SQLException {
    UsageStore store = UsageStore.open(file);
    try {
      UsageLedger ledger = new UsageLedger(store, settings, clock, zone, limits);
      ledger.applyRetention();
      ledger.writer.start();
      return ledger;
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The ledger of a starting proxy: the file its config names, days and hours counted in this
   * machine's zone; empty (with the reason logged) when the file cannot be used, so that the proxy
   * serves without usage rather than not at all.
   *
   * @param settings the running config's settings, read whenever needed
   */
  public static Optional<UsageLedger> openFor(
      Config config, Supplier<UsageSettings> settings, Clock clock) {
    Path file = UsageSettings.of(config).databaseIn(config);
    try {
      UsageLedger ledger = open(file, settings, clock, ZoneId.systemDefault(), Limits.STANDARD);
      log.info(
          "usage: recording to {} ({})",
          file,
          settings.get().recording() ? "on" : "off until usage is enabled");
      return Optional.of(ledger);
    } catch (IOException | SQLException | RuntimeException e) {
      log.error("usage: cannot use {} ({}); serving without usage figures", file, e.toString());
      return Optional.empty();
    }
  }

  /** Tells about a reloaded config whose usage file is another: that takes a restart. */
  public void use(Config config) {
    Path wanted = UsageSettings.of(config).databaseIn(config).toAbsolutePath().normalize();
    if (!wanted.equals(store.file())) {
      log.warn(
          "usage: the database moves to {} after a restart; still writing {}",
          wanted,
          store.file());
    }
  }

  /** The listener to add to the gateway. */
  public GatewayListener recorder() {
    return recorder;
  }

  /** The {@code /usage} report. */
  public UsageReport report() {
    return report;
  }

  /** The {@code /api-key-usage} report. */
  public ApiKeyUsage apiKeyUsage() {
    return apiKeyUsage;
  }

  /** What each client key spent this month, for the per-key limits after a restart. */
  public ClientKeySpend clientKeySpend() {
    return new ClientKeySpend(store);
  }

  /** Export and import. */
  public UsageExport export() {
    return export;
  }

  /** Waits until every record finished so far is in the file. */
  public void flush() throws InterruptedException {
    writer.flush();
  }

  /** The counts since the ledger opened. */
  public Status status() {
    UsageWriter.Counts counts = writer.counts();
    return new Status(
        settings.get().recording(),
        store.file(),
        counts.written(),
        counts.dropped(),
        counts.lost(),
        recorder.evicted(),
        recorder.inFlight(),
        counts.queued());
  }

  /** Deletes the records older than the running config's retention; returns how many. */
  public int applyRetention() throws SQLException {
    Instant now = clock.instant();
    lastRetention = now;
    Optional<Instant> cutoff = settings.get().cutoff(now);
    if (cutoff.isEmpty()) {
      return 0;
    }
    int deleted = store.deleteBefore(cutoff.get());
    if (deleted > 0) {
      log.info("usage: deleted {} record(s) older than {}", deleted, cutoff.get());
    }
    return deleted;
  }

  /** Run by the writer thread between batches. */
  private void housekeep() {
    Instant now = clock.instant();
    recorder.sweep(now);
    if (!now.isBefore(lastRetention.plus(retentionEvery))) {
      try {
        applyRetention();
      } catch (SQLException e) {
        log.warn("usage: retention failed: {}", e.toString());
      }
    }
  }

  /** Writes what is queued, then closes the file. */
  @Override
  public void close() {
    writer.close();
    try {
      store.close();
    } catch (SQLException e) {
      log.warn("usage: closing {}: {}", store.file(), e.toString());
    }
  }
}
