package dev.cliproxy.config;

import java.util.Objects;

/**
 * What a model's tokens cost, in US dollars per million tokens, for the monthly cost budgets of
 * client keys: one entry of {@code model-prices} or of the bundled table.
 *
 * @param model a model name pattern ({@code *} wildcards)
 * @param input prompt tokens read fresh
 * @param output generated tokens, reasoning included
 * @param cachedInput prompt tokens read from the provider's cache
 * @param cacheWrite prompt tokens written to the cache
 */
public record ModelPrice(
    String model, double input, double output, double cachedInput, double cacheWrite) {
  public ModelPrice {
    Objects.requireNonNull(model, "model");
  }
}
