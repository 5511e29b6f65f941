package dev.cliproxy.amp;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * Where a model call on an Amp provider route goes, and the one log line that says so. Model names
 * come from the client, so log lines show them with control characters replaced ({@link #shown}): a
 * name cannot forge a second log line.
 */
public sealed interface AmpRoute {

  /** The model Amp asked for, as it asked; answers report this name. */
  String requestedModel();

  /** The model to ask the local gateway for; empty when the request does not stay local. */
  Optional<String> localModel();

  /** The level of {@link #logLine()}: INFO when served locally, WARN otherwise. */
  Level level();

  /** The one log line for this request. */
  String logLine();

  /**
   * The proxy serves the model itself.
   *
   * @param requestedModel the model asked for
   * @param model the name the proxy serves it by: the requested one without a Gemini thinking
   *     suffix ({@link GeminiModelName})
   */
  record Local(String requestedModel, String model) implements AmpRoute {
    public Local {
      Objects.requireNonNull(requestedModel, "requestedModel");
      Objects.requireNonNull(model, "model");
    }

    @Override
    public Optional<String> localModel() {
      return Optional.of(model);
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String logLine() {
      return "[AMP] Using local provider for model: " + shown(requestedModel);
    }
  }

  /**
   * A model mapping sends the request to a model the proxy serves.
   *
   * @param from the model asked for
   * @param to the model served instead
   * @param forced whether {@code force-model-mappings} put the mapping before a local model
   */
  record Mapped(String from, String to, boolean forced) implements AmpRoute {
    public Mapped {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String requestedModel() {
      return from;
    }

    @Override
    public Optional<String> localModel() {
      return Optional.of(to);
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String logLine() {
      return "[AMP] Model mapped: "
          + shown(from)
          + " -> "
          + shown(to)
          + (forced ? " (force-model-mappings)" : "");
    }
  }

  /**
   * Nothing local serves the model: the request goes unchanged to the Amp upstream, which spends
   * Amp credits.
   */
  record Forward(String requestedModel) implements AmpRoute {
    public Forward {
      Objects.requireNonNull(requestedModel, "requestedModel");
    }

    @Override
    public Optional<String> localModel() {
      return Optional.empty();
    }

    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String logLine() {
      String model = shown(requestedModel);
      return "[AMP] Forwarding to the Amp upstream (uses Amp credits) - model: "
          + model
          + " | To serve it locally, add to config: ampcode.model-mappings (or"
          + " amp-model-mappings): [{from: \""
          + model
          + "\", to: \"<a model this proxy serves>\"}]";
    }
  }

  /**
   * Nothing local serves the model and no Amp upstream is configured: the gateway answers with its
   * usual unknown-model error.
   */
  record NoProvider(String requestedModel) implements AmpRoute {
    public NoProvider {
      Objects.requireNonNull(requestedModel, "requestedModel");
    }

    @Override
    public Optional<String> localModel() {
      return Optional.empty();
    }

    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String logLine() {
      return "[AMP] No provider available for model: "
          + shown(requestedModel)
          + " (no local provider serves it, and no Amp upstream to forward it to: set"
          + " ampcode.upstream-url or amp-upstream-url)";
    }
  }

  /** A client-given name fit for one log line: control characters become {@code ?}. */
  private static String shown(String model) {
    StringBuilder out = new StringBuilder(model.length());
    model.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
