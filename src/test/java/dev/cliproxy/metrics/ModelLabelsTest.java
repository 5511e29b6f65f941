package dev.cliproxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Model labels stay bounded whatever names clients send. */
class ModelLabelsTest {
  @Test
  void theFirstServedModelsKeepTheirNamesAndLaterOnesAreOther() {
    ModelLabels labels = new ModelLabels(2);

    assertThat(labels.of(Optional.of("gpt-5"), true)).isEqualTo("gpt-5");
    assertThat(labels.of(Optional.of("claude-sonnet-4"), true)).isEqualTo("claude-sonnet-4");
    assertThat(labels.of(Optional.of("gemini-2.5-pro"), true)).isEqualTo("other");
    assertThat(labels.of(Optional.of("gpt-5"), true)).as("still named").isEqualTo("gpt-5");
  }

  @Test
  void unservedLongAndMissingModelsNeverTakeASlot() {
    ModelLabels labels = new ModelLabels(1);

    assertThat(labels.of(Optional.of("made-up-by-a-client"), false)).isEqualTo("other");
    assertThat(labels.of(Optional.of("x".repeat(500)), true)).isEqualTo("other");
    assertThat(labels.of(Optional.empty(), true)).isEqualTo("none");
    assertThat(labels.of(Optional.of("  "), true)).isEqualTo("none");
    assertThat(labels.of(Optional.of("gpt-5"), true)).isEqualTo("gpt-5");
  }
}
