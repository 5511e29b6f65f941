package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /usage}'s document, field by field, in CLIProxyAPI's shape. */
class UsageReportTest {
  private static final ZoneOffset INDIA = ZoneOffset.ofHoursMinutes(5, 30);
  @TempDir Path dir;
  private UsageStore store;

  @BeforeEach
  void open() throws Exception {
    store = UsageStore.open(dir.resolve("usage.sqlite"));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void totalsPerClientAndModelDetailsAndTimeBuckets() throws Exception {
    // 18:20Z is 23:50 in India; 18:40Z is 00:10 the next day there.
    Instant late = Instant.parse("2026-12-01T18:20:00Z");
    Instant afterMidnight = Instant.parse("2026-12-01T18:40:00Z");
    UsageRecord first =
        Records.served(late, "key-aaaaaaaaaaaa", "gpt-x", "cred-1", new Usage(10, 4, 0, 6, 2));
    UsageRecord second =
        Records.served(
            afterMidnight, "key-aaaaaaaaaaaa", "gpt-x", "cred-2", new Usage(1, 0, 0, 1, 0));
    UsageRecord failed = Records.failed(afterMidnight, "key-aaaaaaaaaaaa", "claude-y", "cred-1");
    UsageRecord open =
        Records.served(late, "POST /v1/messages", "claude-y", "cred-3", new Usage(5, 0, 3, 2, 0));
    store.insert(List.of(first, second, failed, open));

    ObjectNode answer = new UsageReport(store, INDIA, 50).answer();

    assertThat(fieldNames(answer)).containsExactly("usage", "failed_requests");
    assertThat(answer.path("failed_requests").asLong()).isEqualTo(1);
    JsonNode usage = answer.path("usage");
    assertThat(fieldNames(usage))
        .containsExactlyInAnyOrder(
            "total_requests",
            "success_count",
            "failure_count",
            "total_tokens",
            "apis",
            "requests_by_day",
            "requests_by_hour",
            "tokens_by_day",
            "tokens_by_hour");
    assertThat(usage.path("total_requests").asLong()).isEqualTo(4);
    assertThat(usage.path("success_count").asLong()).isEqualTo(3);
    assertThat(usage.path("failure_count").asLong()).isEqualTo(1);
    assertThat(usage.path("total_tokens").asLong()).isEqualTo(20 + 2 + 0 + 10);

    JsonNode apis = usage.path("apis");
    assertThat(fieldNames(apis)).containsExactlyInAnyOrder("key-aaaaaaaaaaaa", "POST /v1/messages");
    JsonNode keyed = apis.path("key-aaaaaaaaaaaa");
    assertThat(keyed.path("total_requests").asLong()).isEqualTo(3);
    assertThat(keyed.path("total_tokens").asLong()).isEqualTo(22);
    assertThat(fieldNames(keyed.path("models"))).containsExactlyInAnyOrder("gpt-x", "claude-y");
    JsonNode gpt = keyed.path("models").path("gpt-x");
    assertThat(gpt.path("total_requests").asLong()).isEqualTo(2);
    assertThat(gpt.path("total_tokens").asLong()).isEqualTo(22);
    assertThat(gpt.path("details")).hasSize(2);

    JsonNode detail = gpt.path("details").get(0);
    assertThat(detail.path("timestamp").asText()).isEqualTo("2026-12-01T23:50:00+05:30");
    assertThat(detail.path("latency_ms").asLong()).isEqualTo(120);
    assertThat(detail.path("source").asText()).isEqualTo("cred-1");
    assertThat(detail.path("auth_index").asText()).isEqualTo("idx-cred-1");
    assertThat(detail.path("failed").asBoolean(true)).isFalse();
    JsonNode tokens = detail.path("tokens");
    assertThat(tokens.path("input_tokens").asLong()).isEqualTo(10);
    assertThat(tokens.path("output_tokens").asLong()).isEqualTo(6);
    assertThat(tokens.path("reasoning_tokens").asLong()).isEqualTo(2);
    assertThat(tokens.path("cached_tokens").asLong()).isEqualTo(4);
    assertThat(tokens.path("cache_write_tokens").asLong()).isZero();
    assertThat(tokens.path("total_tokens").asLong()).isEqualTo(20);
    assertThat(detail.path("id").asText()).isEqualTo(first.id());
    assertThat(detail.path("provider").asText()).isEqualTo("up");
    assertThat(detail.path("upstream_model").asText()).isEqualTo("gpt-x-upstream");
    assertThat(detail.path("status").asInt()).isEqualTo(200);
    assertThat(detail.path("first_byte_ms").asLong()).isEqualTo(40);
    assertThat(gpt.path("details").get(1).path("source").asText())
        .as("oldest first, as CLIProxyAPI appends")
        .isEqualTo("cred-2");

    JsonNode failedDetail = keyed.path("models").path("claude-y").path("details").get(0);
    assertThat(failedDetail.path("failed").asBoolean()).isTrue();
    assertThat(failedDetail.path("status").asInt()).isEqualTo(502);
    assertThat(failedDetail.has("first_byte_ms")).isFalse();

    assertThat(usage.path("requests_by_day").toString())
        .isEqualTo("{\"2026-12-01\":2,\"2026-12-02\":2}");
    assertThat(usage.path("requests_by_hour").toString()).isEqualTo("{\"00\":2,\"23\":2}");
    assertThat(usage.path("tokens_by_day").toString())
        .isEqualTo("{\"2026-12-01\":30,\"2026-12-02\":2}");
    assertThat(usage.path("tokens_by_hour").toString()).isEqualTo("{\"00\":2,\"23\":30}");
  }

  @Test
  void detailsHoldOnlyTheNewestPerModel() throws Exception {
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    List<UsageRecord> records = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      records.add(
          Records.served(start.plusSeconds(n), "c", "m", "cred-" + n, new Usage(1, 0, 0, 0, 0)));
    }
    store.insert(records);

    JsonNode model =
        new UsageReport(store, ZoneOffset.UTC, 5)
            .usage()
            .path("apis")
            .path("c")
            .path("models")
            .path("m");

    assertThat(model.path("total_requests").asLong())
        .as("totals count every request")
        .isEqualTo(30);
    assertThat(model.path("details"))
        .extracting(d -> d.path("source").asText())
        .containsExactly("cred-25", "cred-26", "cred-27", "cred-28", "cred-29");
  }

  @Test
  void aClientNamingANewModelEachTimeCannotGrowTheAnswerPastTheCap() throws Exception {
    Instant at = Instant.parse("2026-12-01T00:00:00Z");
    List<UsageRecord> records = new ArrayList<>();
    for (int n = 0; n < UsageReport.MAX_GROUPS + 5; n++) {
      records.add(Records.served(at, "c", "made-up-" + n, "x", new Usage(1, 0, 0, 0, 0)));
    }
    records.add(Records.served(at, "c", "made-up-7", "x", new Usage(1, 0, 0, 0, 0)));
    store.insert(records);

    UsageReport report = new UsageReport(store, ZoneOffset.UTC, 5);
    JsonNode usage = report.usage();

    assertThat(usage.path("total_requests").asLong()).isEqualTo(UsageReport.MAX_GROUPS + 6);
    JsonNode models = usage.path("apis").path("c").path("models");
    assertThat(models.size()).isEqualTo(UsageReport.MAX_GROUPS);
    assertThat(models.path("made-up-7").path("total_requests").asLong())
        .as("the busiest pairs are the ones listed")
        .isEqualTo(2);
    assertThat(report.daily()).hasSize(UsageReport.MAX_GROUPS);
  }

  @Test
  void anEmptyStoreAnswersZerosAndEmptyMaps() throws Exception {
    ObjectNode answer = new UsageReport(store, ZoneOffset.UTC, 5).answer();

    assertThat(answer.toString())
        .isEqualTo(
            "{\"usage\":{\"total_requests\":0,\"success_count\":0,\"failure_count\":0,"
                + "\"total_tokens\":0,\"apis\":{},\"requests_by_day\":{},\"requests_by_hour\":{},"
                + "\"tokens_by_day\":{},\"tokens_by_hour\":{}},\"failed_requests\":0}");
  }

  @Test
  void dailyFiguresPerClientCredentialAndModel() throws Exception {
    Instant day = Instant.parse("2026-12-01T10:00:00Z");
    store.insert(
        List.of(
            Records.served(day, "c", "m", "cred-1", new Usage(3, 1, 0, 2, 0)),
            Records.served(day.plusSeconds(3600), "c", "m", "cred-1", new Usage(3, 1, 0, 2, 0)),
            Records.failed(day.plusSeconds(86_400), "c", "m", "cred-1")));

    JsonNode daily = new UsageReport(store, ZoneOffset.UTC, 5).daily();

    assertThat(daily).hasSize(2);
    assertThat(daily.get(0).toString())
        .isEqualTo(
            "{\"day\":\"2026-12-01\",\"client\":\"c\",\"credential\":\"cred-1\",\"model\":\"m\","
                + "\"requests\":2,\"failed\":0,\"input_tokens\":6,\"cached_tokens\":2,"
                + "\"cache_write_tokens\":0,\"output_tokens\":4,\"reasoning_tokens\":0,"
                + "\"total_tokens\":12}");
    assertThat(daily.get(1).path("day").asText()).isEqualTo("2026-12-02");
    assertThat(daily.get(1).path("failed").asLong()).isEqualTo(1);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
