package dev.cliproxy.amp;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code Anthropic-Beta} header of a model call the proxy serves locally, without the 1M-token
 * context beta ({@code context-1m-2025-08-07}) that subscription accounts reject, as CLIProxyAPI's
 * Amp module does. Requests forwarded to the Amp upstream keep the header unchanged.
 */
public final class AnthropicBeta {
  /** The beta taken out. */
  public static final String CONTEXT_1M = "context-1m-2025-08-07";

  private AnthropicBeta() {}

  /**
   * The header value to send: the comma-separated betas trimmed, empty items and exactly {@value
   * #CONTEXT_1M} dropped, joined with {@code ,}; empty when nothing remains (remove the header).
   */
  public static Optional<String> withoutContext1m(String headerValue) {
    if (headerValue == null) {
      return Optional.empty();
    }
    String kept =
        Arrays.stream(headerValue.split(","))
            .map(String::trim)
            .filter(beta -> !beta.isEmpty() && !beta.equals(CONTEXT_1M))
            .collect(Collectors.joining(","));
    return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
  }
}
