package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.usage.ApiKeyUsage;
import dev.cliproxy.usage.UsageExport;
import dev.cliproxy.usage.UsageLedger;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage endpoints, answered from the {@link UsageLedger}: {@code /usage} (CLIProxyAPI's shape),
 * {@code /usage/export} and {@code /usage/import} (its export document; an import is idempotent),
 * {@code /api-key-usage} (per API-key credential, the head reference's shape), {@code /usage/daily}
 * and {@code /usage/status} (this proxy's own: per day, client, credential and model; what the
 * recorder dropped), and the scalar {@code /usage-statistics-enabled}.
 */
public final class UsageRoutes implements ManagementRoutes {
  private static final Logger log = LoggerFactory.getLogger(UsageRoutes.class);

  private final Optional<UsageLedger> ledger;
  private final Path configFile;
  private final Clock clock;

  /**
   * @param ledger the usage store; empty when it could not be opened (its endpoints then answer
   *     503)
   * @param configFile where the API keys' base URLs are read from for {@code /api-key-usage}
   */
  public UsageRoutes(Optional<UsageLedger> ledger, Path configFile, Clock clock) {
    this.ledger = ledger;
    this.configFile = configFile;
    this.clock = clock;
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.get("/usage", call -> ManagementReply.json(query(() -> flushed().report().answer())));
    router.get(
        "/usage/daily",
        call ->
            ManagementReply.json(
                ManagementJson.MAPPER
                    .createObjectNode()
                    .set("daily", query(() -> flushed().report().daily()))));
    router.get("/usage/status", call -> ManagementReply.json(status()));
    router.get("/usage/export", call -> export());
    router.post("/usage/import", call -> importFrom(call));
    router.get(
        "/api-key-usage",
        call -> ManagementReply.json(query(() -> flushed().apiKeyUsage().answer(keyed(call)))));
  }

  private UsageLedger ledger() {
    return ledger.orElseThrow(() ->
        new ManagementError(
            503,
            "usage unavailable",
            "the usage database could not be opened at start; the proxy's log says why"));
  }

  /** The ledger once every request finished so far is in its file, so a report shows them. */
  private UsageLedger flushed() {
    UsageLedger usage = ledger();
    flush(usage);
    return usage;
  }

  @FunctionalInterface
  private interface Query<T> {
    T run() throws SQLException;
  }

  private static <T> T query(Query<T> query) {
    try {
      return query.run();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static ManagementError unavailable(SQLException e) {
    log.warn("usage: the database failed: {}", e.toString());
    return new ManagementError(
        503, "usage unavailable", "the usage database failed: " + e.getMessage());
  }

  private ObjectNode status() {
    UsageLedger.Status status = ledger().status();
    return ManagementJson.MAPPER
        .createObjectNode()
        .put("recording", status.recording())
        .put("database", status.file().toString())
        .put("written", status.written())
        .put("dropped", status.dropped())
        .put("lost", status.lost())
        .put("evicted", status.evicted())
        .put("in_flight", status.inFlight())
        .put("queued", status.queued());
  }

  /** The export document, written as the records are read (it grows with the records kept). */
  private ManagementReply export() {
    UsageLedger usage = flushed();
    return new ManagementReply.Streamed(
        200,
        "application/json; charset=utf-8",
        out -> {
          try {
            usage.export().writeTo(out, clock.instant());
          } catch (SQLException e) {
            throw unavailable(e);
          }
        },
        Map.of("Content-Disposition", "attachment; filename=\"usage-export.json\""));
  }

  private ManagementReply importFrom(ManagementCall call) {
    UsageLedger usage = ledger();
    var document = call.json();
    UsageExport.Imported imported;
    try {
      imported = query(() -> usage.export().importFrom(document));
    } catch (UsageExport.Refused e) {
      throw new ManagementError(400, e.error(), e.getMessage());
    }
    ObjectNode totals = query(() -> usage.report().totals());
    return ManagementReply.json(
        ManagementJson.MAPPER
            .createObjectNode()
            .put("added", imported.added())
            .put("skipped", imported.skipped())
            .put("total_requests", totals.path("total_requests").asLong())
            .put("failed_requests", totals.path("failure_count").asLong()));
  }

  private static void flush(UsageLedger usage) {
    try {
      usage.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ManagementError(503, "usage unavailable", "interrupted while writing usage");
    }
  }

  /** The API-key credentials of the call's snapshot, with the base URLs the file gives them. */
  private List<ApiKeyUsage.KeyedCredential> keyed(ManagementCall call) {
    Map<String, String> baseUrls = ConfiguredBaseUrls.of(configFile);
    List<ApiKeyUsage.KeyedCredential> keyed = new ArrayList<>();
    for (Provider provider : call.snapshot().providers()) {
      for (Credential credential : provider.credentials()) {
        if (credential.hasApiKey() && !credential.token().isEmpty()) {
          keyed.add(
              new ApiKeyUsage.KeyedCredential(
                  credential.provider(),
                  credential.id(),
                  baseUrls.getOrDefault(credential.token(), ""),
                  credential.token()));
        }
      }
    }
    return keyed;
  }
}
