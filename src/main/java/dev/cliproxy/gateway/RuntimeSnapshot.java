package dev.cliproxy.gateway;

import dev.cliproxy.config.Config;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.openaicompat.OpenAiCompatProvider;
import java.time.Instant;
import java.util.List;

/**
 * Everything one request reads, fixed for its whole life: the config, the providers built from it,
 * and the model catalog. A reload swaps in a new snapshot; requests in flight keep theirs.
 */
public record RuntimeSnapshot(
    Config config, List<Provider> providers, ModelCatalog catalog, Instant createdAt) {

  /** The snapshot for a config. */
  public static RuntimeSnapshot of(Config config, Instant now) {
    List<Provider> providers =
        config.openaiCompatibility().stream().<Provider>map(OpenAiCompatProvider::from).toList();
    return new RuntimeSnapshot(config, providers, ModelCatalog.of(providers), now);
  }
}
