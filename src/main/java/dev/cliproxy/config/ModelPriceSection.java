package dev.cliproxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code model-prices}: a list of {@code {model, input, output, cached-input, cache-write}}
 * in US dollars per million tokens, tried in file order before the bundled table.
 */
final class ModelPriceSection {

  static final KeySchema ENTRY =
      new KeySchema(Set.of("model", "input", "output", "cached-input", "cache-write"), Set.of());

  private ModelPriceSection() {}

  static List<ModelPrice> read(ConfigValue list, LoadContext context) {
    List<ModelPrice> prices = new ArrayList<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue;
      }
      if (!item.node().isObject()) {
        throw item.fail("must be a mapping with a model and its prices per million tokens");
      }
      ENTRY.check(item, context);
      ConfigValue modelValue = item.field("model");
      String model = modelValue.text("");
      if (model.isEmpty()) {
        throw modelValue.fail(
            "is required (a model name, '*' for any run of characters)"
                + ENTRY.misspellingHint(item, "model"));
      }
      double input = item.field("input").decimal(0, 0);
      prices.add(
          new ModelPrice(
              model,
              input,
              item.field("output").decimal(0, 0),
              item.field("cached-input").decimal(input, 0),
              item.field("cache-write").decimal(input, 0)));
    }
    return prices;
  }
}
