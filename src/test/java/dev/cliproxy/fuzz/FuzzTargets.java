package dev.cliproxy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.dialect.responses.ResponsesCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The codecs under fuzz, a fixed context, and the one rule about which exceptions are allowed. */
final class Codecs {
  static final OpenAiChatCodec OPENAI = new OpenAiChatCodec();
  static final ResponsesCodec RESPONSES = new ResponsesCodec();
  static final ClaudeCodec CLAUDE = new ClaudeCodec();
  static final GeminiCodec GEMINI = new GeminiCodec();
  static final GeminiCliEnvelope GEMINI_CLI = new GeminiCliEnvelope(GEMINI);

  /** Every codec, as an upstream (stream decoder) and as a client (stream encoder). */
  static final List<DialectCodec> ALL = List.of(OPENAI, RESPONSES, CLAUDE, GEMINI, GEMINI_CLI);

  static final CodecContext CONTEXT =
      new CodecContext(1_700_000_000L, () -> "0123456789abcdefghijklmn");

  /** A streaming request with a tool, for the stream encoders that echo request fields. */
  static final ChatRequest REQUEST =
      OPENAI.decodeRequest(
          """
          {"model":"gpt-fuzz","stream":true,"messages":[{"role":"user","content":"hi"}],
           "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
          """
              .getBytes(StandardCharsets.UTF_8));

  private Codecs() {}

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
