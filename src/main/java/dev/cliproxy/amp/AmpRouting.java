package dev.cliproxy.amp;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides where a model call on an Amp provider route goes (A6 of CLIProxyAPI's Amp module, with
 * its later {@code force-model-mappings}): the Gemini thinking suffix comes off the requested name;
 * then a model the proxy serves stays local, else a mapping to a model it serves applies, else the
 * request goes to the Amp upstream, or, with none configured, to the gateway's unknown-model error.
 * With {@code force-model-mappings} the mapping is tried before the local model. Pure: the caller
 * passes what the proxy serves in the request's snapshot.
 */
public final class AmpRouting {
  private AmpRouting() {}

  /**
   * The route under a snapshot's settings.
   *
   * @param requestedModel the model the request names (body {@code model}, or the URL's)
   * @param settings the snapshot's Amp settings: mappings, force flag, whether an upstream exists
   * @param served whether the proxy serves a model name, e.g. {@code m ->
   *     !catalog.resolve(m).isEmpty()}
   */
  public static AmpRoute decide(
      String requestedModel, AmpSettings settings, Predicate<String> served) {
    return decide(
        requestedModel,
        settings.mappings(),
        settings.forceModelMappings(),
        served,
        settings.upstreamUrl().isPresent());
  }

  /**
   * The route.
   *
   * @param requestedModel the model the request names
   * @param mappings the model mappings
   * @param forceMappings whether a mapping applies before a model the proxy serves
   * @param served whether the proxy serves a model name
   * @param upstreamConfigured whether an Amp upstream can take the request
   */
  public static AmpRoute decide(
      String requestedModel,
      ModelMappings mappings,
      boolean forceMappings,
      Predicate<String> served,
      boolean upstreamConfigured) {
    String model = GeminiModelName.withoutThinkingSuffix(requestedModel.trim());
    if (forceMappings) {
      Optional<String> forced = mappings.target(model, served);
      if (forced.isPresent()) {
        return new AmpRoute.Mapped(requestedModel, forced.get(), served.test(model));
      }
    }
    if (!model.isEmpty() && served.test(model)) {
      return new AmpRoute.Local(requestedModel, model);
    }
    if (!forceMappings) {
      Optional<String> mapped = mappings.target(model, served);
      if (mapped.isPresent()) {
        return new AmpRoute.Mapped(requestedModel, mapped.get(), false);
      }
    }
    return upstreamConfigured
        ? new AmpRoute.Forward(requestedModel)
        : new AmpRoute.NoProvider(requestedModel);
  }
}
