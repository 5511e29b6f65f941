package dev.cliproxy.provider.hint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void readsSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("30", now)).hasValue(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("0.5", now)).hasValue(Duration.ofMillis(500));
    assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:01:00 GMT", now))
        .hasValue(Duration.ofMinutes(1));
  }

  @Test
  void ignoresNonsense() {
    assertThat(RetryAfter.parse(null, now)).isEmpty();
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse("-4", now)).isEmpty();
  }
}
