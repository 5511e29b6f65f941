package dev.cliproxy.amp;

import dev.cliproxy.auth.SecretMask;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Amp settings of one config snapshot, from either spelling of {@code config.yaml}: the seed's
 * flat keys ({@code amp-upstream-url}, {@code amp-upstream-api-key}, {@code
 * amp-restrict-management-to-localhost}, {@code amp-model-mappings}) or the {@code ampcode:} block
 * of CLIProxyAPI's later versions ({@code upstream-url}, {@code upstream-api-key}, {@code
 * upstream-api-keys}, {@code restrict-management-to-localhost}, {@code model-mappings}, {@code
 * force-model-mappings}). When a file has both, the block is used whole and a load warning names
 * the flat keys it ignores.
 *
 * <p>The localhost restriction defaults to <b>true</b> in both spellings: the seed's safe default.
 * CLIProxyAPI switched the block's default to false when it added API-key checks to the management
 * routes; this proxy keeps the restriction on unless the file turns it off.
 *
 * <p>Nothing is cached: {@link #of} reads whichever {@link Config} a request's snapshot holds, so a
 * reload applies to the next request.
 *
 * @param upstreamUrl the Amp upstream (e.g. {@code https://ampcode.com}), absolute http(s), without
 *     a trailing slash; empty when none is configured
 * @param upstreamApiKey the Amp key sent upstream when no per-client key applies
 * @param upstreamApiKeys per-client Amp keys (block spelling only); a client key is in one entry
 * @param restrictManagementToLocalhost whether the management routes accept loopback peers only
 * @param modelMappings model mappings in file order (see {@link ModelMappings})
 * @param forceModelMappings whether a mapping applies even when the requested model is served
 *     locally (block spelling only)
 */
public record AmpSettings(
    Optional<URI> upstreamUrl,
    Optional<String> upstreamApiKey,
    List<ClientUpstreamKey> upstreamApiKeys,
    boolean restrictManagementToLocalhost,
    List<ModelMapping> modelMappings,
    boolean forceModelMappings) {

  /** No upstream, no keys, no mappings, the restriction on. */
  public static final AmpSettings DEFAULTS =
      new AmpSettings(Optional.empty(), Optional.empty(), List.of(), true, List.of(), false);

  /**
   * The config keys the settings are read from, and the check that warns about both spellings in
   * one file; merged into the loader's schema after the provider kinds.
   */
  public static final ConfigSchema SCHEMA =
      ConfigSchema.EMPTY
          .withSection(FlatAmpKeys.UPSTREAM_URL)
          .withSection(FlatAmpKeys.UPSTREAM_API_KEY)
          .withSection(FlatAmpKeys.RESTRICT_MANAGEMENT_TO_LOCALHOST)
          .withSection(FlatAmpKeys.MODEL_MAPPINGS)
          .withSection(AmpcodeBlock.SECTION)
          .withCheck(FlatAmpKeys.BOTH_SPELLINGS);

  public AmpSettings {
    Objects.requireNonNull(upstreamUrl, "upstreamUrl");
    Objects.requireNonNull(upstreamApiKey, "upstreamApiKey");
    upstreamApiKeys = List.copyOf(upstreamApiKeys);
    modelMappings = List.copyOf(modelMappings);
  }

  /**
   * The settings of a config: its {@code ampcode:} block if it has one, else its flat keys (with
   * defaults for those absent); {@link #DEFAULTS} for a config read without {@link #SCHEMA}.
   */
  public static AmpSettings of(Config config) {
    return config.section(AmpcodeBlock.SECTION).orElseGet(() -> FlatAmpKeys.settings(config));
  }

  /** The mappings, ready for lookups; built anew on each call (cheap: a few entries). */
  public ModelMappings mappings() {
    return ModelMappings.of(modelMappings);
  }

  /** The upstream key for a plain client key, from {@link #upstreamApiKeys}; the first wins. */
  public Optional<String> upstreamApiKeyFor(String clientKey) {
    return upstreamApiKeys.stream()
        .filter(entry -> entry.clientKeys().contains(clientKey))
        .map(ClientUpstreamKey::upstreamApiKey)
        .findFirst();
  }

  /** Every field, keys masked as {@link SecretMask} does. */
  @Override
  public String toString() {
    return "AmpSettings[upstreamUrl="
        + upstreamUrl.map(URI::toString).orElse("")
        + ", upstreamApiKey="
        + upstreamApiKey.map(SecretMask::mask).orElse("")
        + ", upstreamApiKeys="
        + upstreamApiKeys
        + ", restrictManagementToLocalhost="
        + restrictManagementToLocalhost
        + ", modelMappings="
        + modelMappings
        + ", forceModelMappings="
        + forceModelMappings
        + "]";
  }
}
