package dev.cliproxy.provider.hint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void readsGoAndProtobufDurations() {
    assertThat(DurationText.parse("30s")).hasValue(Duration.ofSeconds(30));
    assertThat(DurationText.parse("0.847655010s")).hasValue(Duration.ofNanos(847_655_010));
    assertThat(DurationText.parse("6m0s")).hasValue(Duration.ofMinutes(6));
    assertThat(DurationText.parse("1h2m3.5s"))
        .hasValue(Duration.ofHours(1).plusMinutes(2).plusMillis(3500));
    assertThat(DurationText.parse("20ms")).hasValue(Duration.ofMillis(20));
    assertThat(DurationText.parse("7us")).hasValue(Duration.ofNanos(7000));
    assertThat(DurationText.parse("12")).hasValue(Duration.ofSeconds(12));
    assertThat(DurationText.parse(" 1.5 ")).hasValue(Duration.ofMillis(1500));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThat(DurationText.parse(null)).isEmpty();
    assertThat(DurationText.parse("")).isEmpty();
    assertThat(DurationText.parse("soon")).isEmpty();
    assertThat(DurationText.parse("5 minutes")).isEmpty();
    assertThat(DurationText.parse("10x")).isEmpty();
    assertThat(DurationText.parse("s")).isEmpty();
    assertThat(DurationText.parse("-4s")).isEmpty();
    assertThat(DurationText.parse("-4")).isEmpty();
    assertThat(DurationText.parse("1..2s")).isEmpty();
  }

  @Test
  void hugeValuesSaturateInsteadOfWrapping() {
    assertThat(DurationText.parse("99999999999999999999h"))
        .hasValue(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(DurationText.parse("1e30")).hasValue(Duration.ofNanos(Long.MAX_VALUE));
  }
}
