package dev.cliproxy.keypolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.Wildcard;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ModelPrice;
import dev.cliproxy.dialect.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What tokens cost, for the keys' monthly cost budgets: the config's {@code model-prices} first,
 * then the table bundled with the proxy ({@code keypolicy/model-prices.json}), the first pattern
 * that matches a model winning.
 */
public final class ModelPrices {
  private static final String BUNDLED_RESOURCE = "/keypolicy/model-prices.json";
  private static final List<ModelPrice> BUNDLED = bundled();

  private final List<ModelPrice> prices;

  private ModelPrices(List<ModelPrice> prices) {
    this.prices = List.copyOf(prices);
  }

  /** The prices a config gives: its own, then the bundled ones. */
  public static ModelPrices of(Config config) {
    List<ModelPrice> all = new ArrayList<>(config.modelPrices());
    all.addAll(BUNDLED);
    return new ModelPrices(all);
  }

  /** The table bundled with the proxy, in its order. */
  public static List<ModelPrice> bundledTable() {
    return BUNDLED;
  }

  /** The price of the first entry whose pattern matches {@code model}. */
  public Optional<ModelPrice> of(String model) {
    for (ModelPrice price : prices) {
      if (Wildcard.matches(price.model(), model)) {
        return Optional.of(price);
      }
    }
    return Optional.empty();
  }

  /** What {@code usage} costs at {@code price}, in US dollars. */
  public static double cost(ModelPrice price, Usage usage) {
    return (usage.inputTokens() * price.input()
            + usage.cachedInputTokens() * price.cachedInput()
            + usage.cacheWriteTokens() * price.cacheWrite()
            + usage.outputTokens() * price.output())
        / 1_000_000d;
  }

  private static List<ModelPrice> bundled() {
    try (InputStream in = ModelPrices.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the jar");
      }
      List<ModelPrice> table = new ArrayList<>();
      for (JsonNode entry : new ObjectMapper().readTree(in).path("prices")) {
        double input = entry.path("input").asDouble();
        table.add(
            new ModelPrice(
                entry.path("model").asText(),
                input,
                entry.path("output").asDouble(),
                entry.path("cached-input").asDouble(input),
                entry.path("cache-write").asDouble(input)));
      }
      return List.copyOf(table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
