package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api-key-usage}: per provider and {@code base|key}, totals and 20 ten-minute buckets. */
class ApiKeyUsageTest {
  @TempDir Path dir;

  @Test
  void countsAndRecentBucketsPerKeyedCredential() throws Exception {
    Instant now = Instant.parse("2026-12-01T12:05:00Z");
    try (UsageStore store = UsageStore.open(dir.resolve("usage.sqlite"))) {
      store.insert(
          List.of(
              Records.served(now.minus(Duration.ofMinutes(2)), "c", "m", "claude-1", Usage.NONE),
              Records.failed(now.minus(Duration.ofMinutes(3)), "c", "m", "claude-1"),
              Records.served(now.minus(Duration.ofMinutes(25)), "c", "m", "claude-1", Usage.NONE),
              Records.served(now.minus(Duration.ofHours(5)), "c", "m", "claude-1", Usage.NONE),
              Records.served(now, "c", "m", "oauth-file.json", Usage.NONE)));
      ApiKeyUsage usage = new ApiKeyUsage(store, Clock.fixed(now, ZoneOffset.UTC));

      JsonNode answer =
          usage.answer(
              List.of(
                  new ApiKeyUsage.KeyedCredential("claude", "claude-1", "", "sk-ant-1"),
                  new ApiKeyUsage.KeyedCredential(
                      "OpenRouter", "or-1", "https://or.example/v1", "sk-or")));

      JsonNode claude = answer.path("claude").path("|sk-ant-1");
      assertThat(claude.path("success").asLong()).as("every kept record").isEqualTo(3);
      assertThat(claude.path("failed").asLong()).isEqualTo(1);
      JsonNode buckets = claude.path("recent_requests");
      assertThat(buckets).hasSize(20);
      assertThat(buckets.get(0).path("time").asText()).isEqualTo("08:50-09:00");
      assertThat(buckets.get(19).path("time").asText()).isEqualTo("12:00-12:10");
      assertThat(buckets.get(19).path("success").asLong()).isEqualTo(1);
      assertThat(buckets.get(19).path("failed").asLong()).isEqualTo(1);
      assertThat(buckets.get(17).path("time").asText()).isEqualTo("11:40-11:50");
      assertThat(buckets.get(17).path("success").asLong()).isEqualTo(1);
      long inBuckets = 0;
      for (JsonNode bucket : buckets) {
        inBuckets += bucket.path("success").asLong() + bucket.path("failed").asLong();
      }
      assertThat(inBuckets).as("the 5-hour-old request is outside the window").isEqualTo(3);

      JsonNode idle = answer.path("openrouter").path("https://or.example/v1|sk-or");
      assertThat(idle.path("success").asLong()).isZero();
      assertThat(idle.path("recent_requests")).hasSize(20);
      assertThat(answer.size()).as("OAuth accounts are not API keys").isEqualTo(2);
    }
  }
}
