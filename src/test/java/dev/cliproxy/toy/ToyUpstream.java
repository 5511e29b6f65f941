package dev.cliproxy.toy;

import dev.cliproxy.config.ModelAlias;
import java.util.List;

/**
 * One {@code toy-upstreams} entry: an OpenAI-compatible upstream with one key.
 *
 * @param baseUrl where {@code /chat/completions} is
 * @param apiKey the bearer key; empty for none
 * @param models what it offers, at least one
 */
public record ToyUpstream(String baseUrl, String apiKey, List<ModelAlias> models) {
  public ToyUpstream {
    models = List.copyOf(models);
  }

  @Override
  public String toString() {
    return "ToyUpstream[baseUrl=" + baseUrl + ", models=" + models + "]";
  }
}
