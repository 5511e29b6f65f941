package dev.cliproxy.keypolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ModelPrice;
import dev.cliproxy.dialect.model.Usage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPricesTest {
  @TempDir Path dir;

  private Config config(String yaml) {
    return ProviderKinds.shipped().configLoader().parse(yaml, dir).config();
  }

  @Test
  void theBundledTableMatchesTheMostSpecificPatternFirst() {
    ModelPrices prices = ModelPrices.of(config(""));

    assertThat(prices.of("gpt-5-mini-2025-08-07"))
        .get()
        .extracting(ModelPrice::model)
        .isEqualTo("gpt-5-mini*");
    assertThat(prices.of("gpt-5-codex")).get().extracting(ModelPrice::model).isEqualTo("gpt-5*");
    assertThat(prices.of("claude-opus-4-5-20251101"))
        .get()
        .extracting(ModelPrice::input)
        .isEqualTo(5.0);
    assertThat(prices.of("claude-opus-4-1-20250805"))
        .get()
        .extracting(ModelPrice::input)
        .isEqualTo(15.0);
    assertThat(prices.of("my-local-model")).isEmpty();
  }

  @Test
  void theConfigsPricesComeBeforeTheBundledOnes() {
    ModelPrices prices =
        ModelPrices.of(config("model-prices:\n  - {model: \"gpt-5*\", input: 9, output: 9}\n"));

    assertThat(prices.of("gpt-5")).get().extracting(ModelPrice::input).isEqualTo(9.0);
    assertThat(prices.of("claude-sonnet-4-5")).get().extracting(ModelPrice::input).isEqualTo(3.0);
  }

  @Test
  void costAddsEachKindOfTokenAtItsPrice() {
    ModelPrice price = new ModelPrice("m", 3, 15, 0.3, 3.75);

    double cost = ModelPrices.cost(price, new Usage(1_000_000, 2_000_000, 100_000, 10_000, 5_000));

    assertThat(cost).isCloseTo(3 + 0.6 + 0.375 + 0.15, within(1e-9));
  }
}
