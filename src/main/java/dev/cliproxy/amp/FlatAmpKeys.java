package dev.cliproxy.amp;

import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigCheck;
import dev.cliproxy.config.ConfigSection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's flat keys ({@code amp-upstream-url}, {@code amp-upstream-api-key}, {@code
 * amp-restrict-management-to-localhost}, {@code amp-model-mappings}), one section each; every value
 * says whether the file gave the key, so that {@link #BOTH_SPELLINGS} can name the ones an {@code
 * ampcode:} block overrides.
 */
final class FlatAmpKeys {
  static final ConfigSection<Optional<URI>> UPSTREAM_URL =
      ConfigSection.of(
          "amp-upstream-url", Optional.empty(), (value, context) -> UpstreamUrlValue.read(value));

  static final ConfigSection<Optional<String>> UPSTREAM_API_KEY =
      ConfigSection.of(
          "amp-upstream-api-key",
          Optional.empty(),
          (value, context) -> Optional.of(value.text("")).filter(key -> !key.isEmpty()));

  static final ConfigSection<Optional<Boolean>> RESTRICT_MANAGEMENT_TO_LOCALHOST =
      ConfigSection.of(
          "amp-restrict-management-to-localhost",
          Optional.empty(),
          (value, context) -> Optional.of(value.bool(true)));

  static final ConfigSection<Optional<List<ModelMapping>>> MODEL_MAPPINGS =
      ConfigSection.of(
          "amp-model-mappings",
          Optional.empty(),
          (value, context) -> Optional.of(List.copyOf(ModelMappingList.read(value, context))));

  /**
   * Warns when a file has an {@code ampcode:} block and flat keys, naming the flat ones ignored.
   */
  static final ConfigCheck BOTH_SPELLINGS =
      config -> {
        if (config.section(AmpcodeBlock.SECTION).isEmpty()) {
          return List.of();
        }
        List<String> flat = given(config);
        if (flat.isEmpty()) {
          return List.of();
        }
        return List.of(
            "both '"
                + AmpcodeBlock.KEY
                + "' and the flat "
                + String.join(", ", flat.stream().map(key -> "'" + key + "'").toList())
                + " are set; the '"
                + AmpcodeBlock.KEY
                + "' block is used and "
                + (flat.size() == 1 ? "that key is" : "those keys are")
                + " ignored (move "
                + (flat.size() == 1 ? "it" : "them")
                + " into the block)");
      };

  private FlatAmpKeys() {}

  /** The flat keys the file gives a value, in the order above. */
  static List<String> given(Config config) {
    List<String> keys = new ArrayList<>();
    if (config.section(UPSTREAM_URL).isPresent()) {
      keys.add(UPSTREAM_URL.key());
    }
    if (config.section(UPSTREAM_API_KEY).isPresent()) {
      keys.add(UPSTREAM_API_KEY.key());
    }
    if (config.section(RESTRICT_MANAGEMENT_TO_LOCALHOST).isPresent()) {
      keys.add(RESTRICT_MANAGEMENT_TO_LOCALHOST.key());
    }
    if (config.section(MODEL_MAPPINGS).isPresent()) {
      keys.add(MODEL_MAPPINGS.key());
    }
    return keys;
  }

  /** The settings the flat keys give, defaults for those absent. */
  static AmpSettings settings(Config config) {
    return new AmpSettings(
        config.section(UPSTREAM_URL),
        config.section(UPSTREAM_API_KEY),
        List.of(),
        config.section(RESTRICT_MANAGEMENT_TO_LOCALHOST).orElse(true),
        config.section(MODEL_MAPPINGS).orElse(List.of()),
        false);
  }
}
