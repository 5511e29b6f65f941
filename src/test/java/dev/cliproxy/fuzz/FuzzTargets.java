package dev.cliproxy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.gateway.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The codecs under fuzz (the proxy's own, from {@link Codecs#standard()}), a request for their
 * stream encoders, and the one rule about which exceptions are allowed.
 */
final class FuzzTargets {
  private static final Codecs PROXY = Codecs.standard();
  static final DialectCodec OPENAI = PROXY.of(Dialect.OPENAI_CHAT);
  static final DialectCodec RESPONSES = PROXY.of(Dialect.OPENAI_RESPONSES);
  static final DialectCodec CLAUDE = PROXY.of(Dialect.CLAUDE);

  /** Typed, since only Gemini reads the model and the stream flag from the URL, not the body. */
  static final GeminiCodec GEMINI = (GeminiCodec) PROXY.of(Dialect.GEMINI);

  /** The Gemini CLI envelope around the proxy's Gemini codec, as the gateway builds it. */
  static final GeminiCliEnvelope GEMINI_CLI = new GeminiCliEnvelope(GEMINI);

  /** Every codec, as an upstream (stream decoder) and as a client (stream encoder). */
  static final List<DialectCodec> ALL = List.of(OPENAI, RESPONSES, CLAUDE, GEMINI, GEMINI_CLI);

  /** A streaming request with a tool, for the stream encoders that echo request fields. */
  static final ChatRequest REQUEST =
      OPENAI.decodeRequest(
          """
          {"model":"gpt-fuzz","stream":true,"messages":[{"role":"user","content":"hi"}],
           "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
          """
              .getBytes(StandardCharsets.UTF_8));

  private FuzzTargets() {}

  /**
   * Runs {@code action}; it may return or throw a {@link ProxyException} whose status is in {@code
   * [low, high]}. Anything else propagates and fails the fuzz test.
   */
  static void allowOnly(int low, int high, Runnable action) {
    try {
      action.run();
    } catch (ProxyException e) {
      assertThat(e.error().status())
          .as("status of ProxyException: %s", e.getMessage())
          .isBetween(low, high);
    }
  }

  /** A client's request: accepted, or refused with a 4xx. */
  static void clientInput(Runnable action) {
    allowOnly(400, 499, action);
  }

  /** An upstream's answer: accepted, or refused with 502 (the upstream's fault). */
  static void upstreamInput(Runnable action) {
    allowOnly(502, 502, action);
  }
}
