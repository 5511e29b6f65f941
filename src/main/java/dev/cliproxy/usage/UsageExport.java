package dev.cliproxy.usage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.ClientKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every record as one JSON document in the shape CLIProxyAPI's {@code GET /usage/export} wrote
 * ({@code {"version":1,"exported_at":…,"usage":{…}}}, each record a {@code details} entry with its
 * {@code id}), and that document (or one of CLIProxyAPI's) read back by {@link #importFrom}. The
 * export is streamed from a database cursor, so it never holds the records in memory; an import
 * adds only the records whose id the file does not have yet, so the same file imported twice
 * changes nothing the second time.
 */
public final class UsageExport {
  /** The version written, and the newest one read. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IMPORT_BATCH = 500;
  private static final Pattern FINGERPRINT = Pattern.compile("key-[0-9a-f]{12}");
  private static final Pattern ROUTE = Pattern.compile("[A-Z]+ /\\S*");

  private final UsageStore store;
  private final UsageReport report;

  /**
   * How an import went.
   *
   * @param added records that were new
   * @param skipped records already stored (by id)
   */
  public record Imported(long added, long skipped) {}

  /**
   * A document that cannot be imported.
   *
   * @see #error()
   */
  public static final class Refused extends IllegalArgumentException {
    private final String error;

    Refused(String error, String message) {
      super(message);
      this.error = error;
    }

    /** A short code: {@code unsupported version} or {@code invalid usage}. */
    public String error() {
      return error;
    }
  }

  public UsageExport(UsageStore store, UsageReport report) {
    this.store = store;
    this.report = report;
  }

  /** Writes the export document to {@code out} (not closed). */
  public void writeTo(OutputStream out, Instant exportedAt) throws IOException, SQLException {
    try (JsonGenerator json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeNumberField("version", VERSION);
      json.writeStringField("exported_at", exportedAt.toString());
      json.writeFieldName("usage");
      json.writeStartObject();
      store.read(connection -> {
        try {
          writeApis(connection, json);
          ObjectNode totals = JsonNodeFactory.instance.objectNode();
          UsageReport.totals(connection, totals);
          report.byTime(connection, totals);
          for (Map.Entry<String, JsonNode> field : totals.properties()) {
            json.writeFieldName(field.getKey());
            json.writeTree(field.getValue());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
      json.writeEndObject();
      json.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The records of every client and model, each model's totals after its details. */
  private void writeApis(java.sql.Connection connection, JsonGenerator json)
      throws SQLException, IOException {
    json.writeFieldName("apis");
    json.writeStartObject();
    String client = null;
    String model = null;
    long[] clientSums = new long[2];
    long[] modelSums = new long[2];
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT "
                    + UsageStore.COLUMNS
                    + " FROM requests ORDER BY client, model, at_us, id");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        UsageRecord record = UsageStore.record(rows);
        if (!record.client().equals(client)) {
          if (client != null) {
            endModel(json, modelSums);
            endClient(json, clientSums);
          }
          client = record.client();
          model = null;
          json.writeFieldName(client);
          json.writeStartObject();
          json.writeFieldName("models");
          json.writeStartObject();
        }
        if (!record.model().equals(model)) {
          if (model != null) {
            endModel(json, modelSums);
          }
          model = record.model();
          json.writeFieldName(model);
          json.writeStartObject();
          json.writeFieldName("details");
          json.writeStartArray();
        }
        json.writeTree(UsageDetail.toJson(record, report.zone()));
        modelSums[0]++;
        modelSums[1] += record.totalTokens();
        clientSums[0]++;
        clientSums[1] += record.totalTokens();
      }
    }
    if (client != null) {
      endModel(json, modelSums);
      endClient(json, clientSums);
    }
    json.writeEndObject();
  }

  private static void endModel(JsonGenerator json, long[] sums) throws IOException {
    json.writeEndArray();
    writeSums(json, sums);
    json.writeEndObject();
  }

  private static void endClient(JsonGenerator json, long[] sums) throws IOException {
    json.writeEndObject();
    writeSums(json, sums);
    json.writeEndObject();
  }

  private static void writeSums(JsonGenerator json, long[] sums) throws IOException {
    json.writeNumberField("total_requests", sums[0]);
    json.writeNumberField("total_tokens", sums[1]);
    sums[0] = 0;
    sums[1] = 0;
  }

  /**
   * Adds the records of an export document (this proxy's or CLIProxyAPI's, version 0 or 1).
   *
   * @throws Refused naming what is wrong with the document; nothing is added then
   */
  public Imported importFrom(JsonNode document) throws SQLException {
    List<UsageRecord> records = records(document);
    long added = 0;
    for (int from = 0; from < records.size(); from += IMPORT_BATCH) {
      added += store.insert(records.subList(from, Math.min(records.size(), from + IMPORT_BATCH)));
    }
    return new Imported(added, records.size() - added);
  }

  /**
   * What an imported group is filed under: a fingerprint or {@code METHOD /path} as it is, any
   * other name (CLIProxyAPI groups by the plain client key) by its fingerprint.
   */
  static String clientName(String name) {
    if (name.isEmpty() || FINGERPRINT.matcher(name).matches() || ROUTE.matcher(name).matches()) {
      return name;
    }
    return ClientKeys.fingerprintOf(name);
  }

  private static List<UsageRecord> records(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new Refused("invalid usage", "the body must be a JSON object with a usage object");
    }
    JsonNode version = document.path("version");
    if (!version.isMissingNode()
        && !(version.isIntegralNumber() && version.asInt() >= 0 && version.asInt() <= VERSION)) {
      throw new Refused(
          "unsupported version",
          "unsupported version " + version + " (this proxy reads versions 0 to " + VERSION + ")");
    }
    JsonNode apis = document.path("usage").path("apis");
    if (!document.path("usage").isObject() || !(apis.isObject() || apis.isMissingNode())) {
      throw new Refused("invalid usage", "usage must be an object whose apis is an object");
    }
    List<UsageRecord> records = new ArrayList<>();
    for (Map.Entry<String, JsonNode> api : apis.properties()) {
      String client = clientName(api.getKey().trim());
      JsonNode models = api.getValue().path("models");
      if (client.isEmpty() || !models.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> model : models.properties()) {
        String name = model.getKey().trim().isEmpty() ? UsageRecord.UNKNOWN_MODEL : model.getKey();
        JsonNode details = model.getValue().path("details");
        if (!details.isArray()) {
          continue;
        }
        Iterator<JsonNode> entries = details.elements();
        while (entries.hasNext()) {
          try {
            records.add(UsageDetail.fromJson(client, name, entries.next()));
          } catch (IllegalArgumentException e) {
            throw new Refused(
                "invalid usage",
                "usage.apis." + client + ".models." + name + ": " + e.getMessage());
          }
        }
      }
    }
    return records;
  }
}
