package dev.cliproxy.dialect.gemini;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Signature;
import java.util.Optional;

/**
 * The one place that decides which {@code thoughtSignature} is written: a Gemini upstream gets its
 * own signatures back verbatim, other dialects' signatures are dropped, and function calls sent
 * upstream without a Gemini signature carry the documented validator bypass value (Gemini 3 rejects
 * calls without one). A Gemini client also gets another upstream's signature (Claude's, a Responses
 * upstream's encrypted reasoning) wrapped, so that it comes back in the client's next request.
 */
final class GeminiSignatures {
  /** The value Google documents for history that did not come from Gemini. */
  static final String SKIP_VALIDATOR = "skip_thought_signature_validator";

  private GeminiSignatures() {}

  /** A signature read from a Gemini part; a value the proxy wrapped is unwrapped. */
  static Signature read(String value) {
    return Signature.read(Dialect.GEMINI, value);
  }

  /** The value to write for an upstream, only when Gemini produced it. */
  static Optional<String> forUpstream(Optional<Signature> signature) {
    return signature.flatMap(s -> s.forUpstream(Dialect.GEMINI));
  }

  /** The value to write for a client: Gemini's own, or another upstream's wrapped. */
  static Optional<String> forClient(Optional<Signature> signature) {
    return signature.flatMap(s -> s.forClient(Dialect.GEMINI));
  }

  /** The value for a function call in a request to a Gemini upstream: never missing. */
  static String forUpstreamCall(Optional<Signature> signature) {
    return forUpstream(signature).orElse(SKIP_VALIDATOR);
  }
}
