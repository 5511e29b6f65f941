package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Where a model call goes: local, mapped, forwarded or no provider; forced mappings first; the
 * Gemini suffix off before the served check; and each route's one log line.
 */
class AmpRoutingTest {
  private static final Predicate<String> SERVED =
      Set.of("claude-sonnet-4-5", "gemini-2.5-pro", "gpt-5")::contains;
  private static final ModelMappings MAPPINGS =
      ModelMappings.of(
          List.of(
              ModelMapping.exact("claude-opus-4-1", "claude-sonnet-4-5"),
              ModelMapping.exact("gpt-5", "claude-sonnet-4-5"),
              ModelMapping.exact("unserved-target", "nowhere")));

  private static AmpRoute decide(String model, boolean force, boolean upstream) {
    return AmpRouting.decide(model, MAPPINGS, force, SERVED, upstream);
  }

  @Test
  void aServedModelStaysLocalAndBeatsAMappingUnlessForced() {
    assertThat(decide("gpt-5", false, true)).isEqualTo(new AmpRoute.Local("gpt-5", "gpt-5"));
    assertThat(decide("gpt-5", true, true))
        .isEqualTo(new AmpRoute.Mapped("gpt-5", "claude-sonnet-4-5", true));
  }

  @Test
  void anUnservedModelIsMappedThenForwardedThenHasNoProvider() {
    assertThat(decide("claude-opus-4-1", false, true))
        .isEqualTo(new AmpRoute.Mapped("claude-opus-4-1", "claude-sonnet-4-5", false));
    assertThat(decide("claude-opus-4-1", true, false))
        .as("forced, but nothing local to beat")
        .isEqualTo(new AmpRoute.Mapped("claude-opus-4-1", "claude-sonnet-4-5", false));
    assertThat(decide("unserved-target", false, true))
        .isEqualTo(new AmpRoute.Forward("unserved-target"));
    assertThat(decide("o3-pro", true, true)).isEqualTo(new AmpRoute.Forward("o3-pro"));
    assertThat(decide("o3-pro", false, false)).isEqualTo(new AmpRoute.NoProvider("o3-pro"));
    assertThat(decide("", false, true)).isEqualTo(new AmpRoute.Forward(""));
  }

  @Test
  void theGeminiSuffixComesOffForTheCheckAndStaysOnWhatIsForwarded() {
    assertThat(decide("gemini-2.5-pro-thinking-8192", false, true))
        .isEqualTo(new AmpRoute.Local("gemini-2.5-pro-thinking-8192", "gemini-2.5-pro"));
    assertThat(decide("gemini-3-pro-preview-nothinking", false, true))
        .isEqualTo(new AmpRoute.Forward("gemini-3-pro-preview-nothinking"));
  }

  @Test
  void theSettingsOfASnapshotDecideLikeTheirParts() {
    AmpSettings forced =
        new AmpSettings(
            Optional.of(URI.create("https://ampcode.com")),
            Optional.empty(),
            List.of(),
            true,
            List.of(ModelMapping.exact("gpt-5", "claude-sonnet-4-5")),
            true);
    assertThat(AmpRouting.decide("gpt-5", forced, SERVED))
        .isEqualTo(new AmpRoute.Mapped("gpt-5", "claude-sonnet-4-5", true));
    assertThat(AmpRouting.decide("o3", forced, SERVED)).isEqualTo(new AmpRoute.Forward("o3"));
    assertThat(AmpRouting.decide("o3", AmpSettings.DEFAULTS, SERVED))
        .isEqualTo(new AmpRoute.NoProvider("o3"));
  }

  @Test
  void eachRouteHasOneLogLineAtItsLevel() {
    AmpRoute local = new AmpRoute.Local("gpt-5", "gpt-5");
    assertThat(local.level()).isEqualTo(Level.INFO);
    assertThat(local.logLine()).isEqualTo("[AMP] Using local provider for model: gpt-5");
    assertThat(local.localModel()).contains("gpt-5");

    AmpRoute mapped = new AmpRoute.Mapped("claude-opus-4-1", "claude-sonnet-4-5", false);
    assertThat(mapped.level()).isEqualTo(Level.INFO);
    assertThat(mapped.logLine())
        .isEqualTo("[AMP] Model mapped: claude-opus-4-1 -> claude-sonnet-4-5");
    assertThat(mapped.requestedModel()).isEqualTo("claude-opus-4-1");
    assertThat(mapped.localModel()).contains("claude-sonnet-4-5");
    assertThat(new AmpRoute.Mapped("a", "b", true).logLine())
        .isEqualTo("[AMP] Model mapped: a -> b (force-model-mappings)");

    AmpRoute forward = new AmpRoute.Forward("o3-pro");
    assertThat(forward.level()).isEqualTo(Level.WARN);
    assertThat(forward.localModel()).isEmpty();
    assertThat(forward.logLine())
        .isEqualTo(
            "[AMP] Forwarding to the Amp upstream (uses Amp credits) - model: o3-pro | To serve it"
                + " locally, add to config: ampcode.model-mappings (or amp-model-mappings):"
                + " [{from: \"o3-pro\", to: \"<a model this proxy serves>\"}]");

    AmpRoute none = new AmpRoute.NoProvider("o3-pro");
    assertThat(none.level()).isEqualTo(Level.WARN);
    assertThat(none.localModel()).isEmpty();
    assertThat(none.logLine())
        .isEqualTo(
            "[AMP] No provider available for model: o3-pro (no local provider serves it, and no"
                + " Amp upstream to forward it to: set ampcode.upstream-url or amp-upstream-url)");
  }

  @Test
  void aModelNameCannotBreakItsLogLine() {
    assertThat(new AmpRoute.Forward("evil\n[AMP] Using local provider\r").logLine())
        .doesNotContain("\n", "\r")
        .contains("evil?[AMP] Using local provider?");
  }
}
