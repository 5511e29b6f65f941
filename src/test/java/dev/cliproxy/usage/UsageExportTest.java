package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.ClientKeys;
import dev.cliproxy.dialect.model.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export document, and imports that never count a record twice. */
class UsageExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-01T09:00:00.123456Z");
  @TempDir Path dir;

  private static UsageExport export(UsageStore store) {
    return new UsageExport(store, new UsageReport(store, ZoneOffset.UTC, 50));
  }

  private static JsonNode exported(UsageStore store) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    export(store).writeTo(out, Instant.parse("2026-12-02T00:00:00Z"));
    return JSON.readTree(out.toByteArray());
  }

  @Test
  void anExportImportedElsewhereGivesTheSameFiguresAndTwiceAddsNothing() throws Exception {
    List<UsageRecord> records =
        List.of(
            Records.served(AT, "key-aaaaaaaaaaaa", "gpt-x", "cred-1", new Usage(10, 4, 1, 6, 2)),
            Records.served(
                AT.plusSeconds(5), "key-aaaaaaaaaaaa", "gpt-x", "cred-2", new Usage(1, 0, 0, 1, 0)),
            Records.failed(AT.plusSeconds(9), "key-aaaaaaaaaaaa", "claude-y", "cred-1"),
            Records.served(
                AT, "POST /v1/messages", "claude-y", "cred-3", new Usage(5, 0, 3, 2, 0)));
    JsonNode document;
    JsonNode original;
    try (UsageStore source = UsageStore.open(dir.resolve("a.sqlite"))) {
      source.insert(records);
      document = exported(source);
      original = new UsageReport(source, ZoneOffset.UTC, 50).usage();
    }

    assertThat(document.path("version").asInt()).isEqualTo(1);
    assertThat(document.path("exported_at").asText()).isEqualTo("2026-12-02T00:00:00Z");
    JsonNode usage = document.path("usage");
    assertThat(usage.path("total_requests").asLong()).isEqualTo(4);
    assertThat(usage.path("failure_count").asLong()).isEqualTo(1);
    JsonNode gpt = usage.path("apis").path("key-aaaaaaaaaaaa").path("models").path("gpt-x");
    assertThat(gpt.path("total_requests").asLong()).isEqualTo(2);
    assertThat(gpt.path("total_tokens").asLong()).isEqualTo(21 + 2);
    assertThat(gpt.path("details")).hasSize(2);
    assertThat(usage.path("apis").path("key-aaaaaaaaaaaa").path("total_requests").asLong())
        .isEqualTo(3);

    try (UsageStore target = UsageStore.open(dir.resolve("b.sqlite"))) {
      assertThat(export(target).importFrom(document)).isEqualTo(new UsageExport.Imported(4, 0));
      assertThat(export(target).importFrom(document)).isEqualTo(new UsageExport.Imported(0, 4));
      assertThat(target.count()).isEqualTo(4);
      assertThat(new UsageReport(target, ZoneOffset.UTC, 50).usage()).isEqualTo(original);
    }
  }

  @Test
  void aReferenceExportIsImportedOnceItsPlainKeysFiledByFingerprint() throws Exception {
    String reference =
        """
        {"version":1,"exported_at":"2025-12-01T10:00:00Z","usage":{"total_requests":2,
         "apis":{"sk-client-plain":{"total_requests":2,"total_tokens":33,"models":{
           "gpt-5":{"total_requests":2,"total_tokens":33,"details":[
             {"timestamp":"2025-12-01T09:00:00.123456789+08:00","latency_ms":1200,
              "source":"me@example.com","auth_index":"3f2a",
              "tokens":{"input_tokens":10,"output_tokens":20,"reasoning_tokens":0,
                        "cached_tokens":0,"total_tokens":30},"failed":false},
             {"timestamp":"2025-12-01T09:01:00+08:00","latency_ms":10,"source":"me@example.com",
              "auth_index":"3f2a","tokens":{"input_tokens":1,"output_tokens":2},"failed":true}
           ]}}}}}}
        """;
    JsonNode document = JSON.readTree(reference);
    try (UsageStore store = UsageStore.open(dir.resolve("usage.sqlite"))) {
      assertThat(export(store).importFrom(document)).isEqualTo(new UsageExport.Imported(2, 0));
      assertThat(export(store).importFrom(document)).isEqualTo(new UsageExport.Imported(0, 2));

      JsonNode usage = new UsageReport(store, ZoneOffset.UTC, 50).usage();
      String fingerprint = ClientKeys.fingerprintOf("sk-client-plain");
      assertThat(usage.path("apis").has("sk-client-plain")).as("never the key itself").isFalse();
      JsonNode model = usage.path("apis").path(fingerprint).path("models").path("gpt-5");
      assertThat(model.path("total_requests").asLong()).isEqualTo(2);
      assertThat(model.path("total_tokens").asLong()).as("30, and 1+2 computed").isEqualTo(33);
      JsonNode first = model.path("details").get(0);
      assertThat(first.path("timestamp").asText()).isEqualTo("2025-12-01T01:00:00.123456Z");
      assertThat(first.path("auth_index").asText()).isEqualTo("3f2a");
      assertThat(first.path("latency_ms").asLong()).isEqualTo(1200);
      assertThat(usage.path("failure_count").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aDocumentThatCannotBeImportedIsRefusedWholeWithTheReason() throws Exception {
    try (UsageStore store = UsageStore.open(dir.resolve("usage.sqlite"))) {
      UsageExport export = export(store);
      assertThatThrownBy(() -> export.importFrom(JSON.readTree("{\"version\":2,\"usage\":{}}")))
          .isInstanceOfSatisfying(
              UsageExport.Refused.class,
              e -> assertThat(e.error()).isEqualTo("unsupported version"));
      assertThatThrownBy(() -> export.importFrom(JSON.readTree("[1,2]")))
          .isInstanceOf(UsageExport.Refused.class)
          .hasMessageContaining("JSON object with a usage object");
      String oneBad =
          """
          {"usage":{"apis":{"key-aaaaaaaaaaaa":{"models":{"m":{"details":[
            {"timestamp":"2025-12-01T09:00:00Z","tokens":{"input_tokens":1}},
            {"timestamp":"yesterday","tokens":{}}]}}}}}}
          """;
      assertThatThrownBy(() -> export.importFrom(JSON.readTree(oneBad)))
          .isInstanceOf(UsageExport.Refused.class)
          .hasMessageContaining("usage.apis.key-aaaaaaaaaaaa.models.m")
          .hasMessageContaining("not RFC 3339: yesterday");
      assertThat(store.count()).as("nothing of a refused document is kept").isZero();
    }
  }
}
