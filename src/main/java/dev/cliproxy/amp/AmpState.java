package dev.cliproxy.amp;

import dev.cliproxy.config.Config;

/**
 * The Amp settings of one config, with its model mappings compiled.
 *
 * @param config the config they were read from (compared by identity: each reload is a new one)
 */
record AmpState(Config config, AmpSettings settings, ModelMappings mappings) {

  static AmpState of(Config config) {
    AmpSettings settings = AmpSettings.of(config);
    return new AmpState(config, settings, settings.mappings());
  }

  /** One line for the log: the upstream, the restriction and the mappings. */
  String describe() {
    return settings
            .upstreamUrl()
            .map(url -> "upstream " + url)
            .orElse("no upstream (set ampcode.upstream-url to relay Amp's own calls)")
        + "; management routes "
        + (settings.restrictManagementToLocalhost() ? "open to this machine only" : "open to all")
        + "; "
        + settings.modelMappings().size()
        + " model mapping(s)"
        + (settings.forceModelMappings() ? ", forced" : "");
  }
}
