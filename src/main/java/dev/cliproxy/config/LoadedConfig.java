package dev.cliproxy.config;

import java.util.List;

/**
 * A config read from {@code config.yaml} together with the warnings about keys it ignored.
 *
 * @param config the validated snapshot
 * @param warnings one line per ignored key, in file order, e.g. {@code unknown key 'prot'
 *     (ignored); did you mean 'port'?}; never contains secret values
 */
public record LoadedConfig(Config config, List<String> warnings) {
  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }
}
